//! How series look: a colour, a dash pattern and a point shape per series, so series differ
//! without colour too. Colours meet 3:1 against white (WCAG 1.4.11), checked by a test.

use plotters::prelude::RGBColor;

use crate::canvas::{pt, Anchor, Canvas, Pt, INK};
use crate::text::{chars_fitting, truncate};
use crate::ChartError;

/// Series colours, in order: blue, dark vermilion, green, purple, ochre, magenta, dark grey.
pub(crate) const PALETTE: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xC4, 0x4E, 0x00),
    RGBColor(0x00, 0x7A, 0x5A),
    RGBColor(0x7B, 0x32, 0x94),
    RGBColor(0x8C, 0x6D, 0x00),
    RGBColor(0xA6, 0x26, 0x6E),
    RGBColor(0x44, 0x44, 0x44),
];

/// Dash patterns (`stroke-dasharray`), in order: solid, dashed, dotted, dash-dot, short dash.
/// Their count (5) is coprime with the palette's (7) and the shapes' (4), so the first 140
/// series all differ in at least one of the three.
const DASHES: [Option<&str>; 5] = [
    None,
    Some("10 5"),
    Some("1 5"),
    Some("14 4 1 4"),
    Some("5 3"),
];

/// Point shapes, in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
}

const SHAPES: [Shape; 4] = [
    Shape::Circle,
    Shape::Square,
    Shape::Triangle,
    Shape::Diamond,
];

/// The look of series number `index`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Look {
    /// Series number, used in class names (`series-0`, …).
    pub index: usize,
    /// Stroke and point colour.
    pub color: RGBColor,
    /// Dash pattern, `None` for a solid line.
    pub dash: Option<&'static str>,
    /// Point shape.
    pub shape: Shape,
}

impl Look {
    /// The look of series number `index`.
    pub fn of(index: usize) -> Look {
        Look {
            index,
            color: PALETTE[index % PALETTE.len()],
            dash: DASHES[index % DASHES.len()],
            shape: SHAPES[index % SHAPES.len()],
        }
    }

    /// Attributes for this series' line: class, dash pattern, round caps and joins.
    pub fn line_attrs(&self, class: &str) -> String {
        let dash = match self.dash {
            Some(d) => format!(" stroke-dasharray=\"{d}\""),
            None => String::new(),
        };
        format!(
            "class=\"{class} series-{}\"{dash} stroke-linecap=\"round\" stroke-linejoin=\"round\"",
            self.index
        )
    }

    /// Draws this series' point shape centred at `at`, about 9 units across.
    pub fn point(&self, canvas: &mut Canvas<'_>, at: Pt) -> Result<(), ChartError> {
        let attrs = format!("class=\"point series-{}\"", self.index);
        let (x, y) = at;
        match self.shape {
            Shape::Circle => canvas.circle(at, 4, self.color, &attrs),
            Shape::Square => canvas.rect((x - 4, y - 4), (x + 4, y + 4), self.color, true, &attrs),
            Shape::Triangle => canvas.polygon(
                vec![(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)],
                self.color,
                1.0,
                &attrs,
            ),
            Shape::Diamond => canvas.polygon(
                vec![(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)],
                self.color,
                1.0,
                &attrs,
            ),
        }
    }
}

/// Height of one legend row.
pub(crate) const LEGEND_ROW: i32 = 22;
/// Legend font size.
const LEGEND_FONT: f64 = 13.0;

/// Draws a legend, one row per series label, starting at `top`, within `width`.
pub(crate) fn legend(
    canvas: &mut Canvas<'_>,
    labels: &[String],
    left: i32,
    top: i32,
    width: i32,
) -> Result<(), ChartError> {
    let max_chars = chars_fitting(f64::from(width - 56), LEGEND_FONT);
    for (i, label) in labels.iter().enumerate() {
        let look = Look::of(i);
        let y = top + i as i32 * LEGEND_ROW + LEGEND_ROW / 2;
        canvas.line(
            (left, y),
            (left + 40, y),
            look.color,
            2,
            &look.line_attrs("legend-line"),
        )?;
        look.point(canvas, pt(f64::from(left) + 20.0, f64::from(y)))?;
        canvas.text(
            &truncate(label, max_chars),
            (left + 50, y),
            LEGEND_FONT,
            INK,
            Anchor::START,
            false,
            "class=\"legend-label\"",
        )?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn contrast_on_white(c: RGBColor) -> f64 {
    fn channel(v: u8) -> f64 {
        let c = f64::from(v) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    let l = 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2);
    1.05 / (l + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_meets_graphics_contrast_on_white() {
        for c in PALETTE {
            let ratio = contrast_on_white(c);
            assert!(ratio >= 3.0, "{c:?} has contrast {ratio:.2}");
        }
        assert!(contrast_on_white(crate::canvas::AXIS) >= 3.0);
        assert!(contrast_on_white(crate::canvas::INK_SOFT) >= 4.5);
        assert!(contrast_on_white(INK) >= 4.5);
    }

    #[test]
    fn looks_differ_for_many_series() {
        for a in 0..20 {
            for b in (a + 1)..20 {
                let (la, lb) = (Look::of(a), Look::of(b));
                assert!(
                    la.color != lb.color || la.dash != lb.dash || la.shape != lb.shape,
                    "series {a} and {b} look the same"
                );
            }
        }
        // The first five series differ in dash pattern alone, so without colour too.
        for a in 0..5 {
            for b in (a + 1)..5 {
                assert_ne!(Look::of(a).dash, Look::of(b).dash);
            }
        }
    }
}
