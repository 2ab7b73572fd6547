//! Radar (spider) chart.

use plotters::style::text_anchor::HPos;

use crate::canvas::{finish, pt, Anchor, Canvas, IdHasher, Meta, Pt, AXIS, GRID, INK_SOFT};
use crate::series_style::{legend, Look, LEGEND_ROW};
use crate::text::{chars_fitting, estimate_width, sanitize, wrap};
use crate::{check_series, ChartError, Series, SCALE_MAX};

/// Width of the chart in user units.
const WIDTH: u32 = 740;
/// Radius of the outer ring (score 4).
const RADIUS: f64 = 150.0;
/// Distance between the outer ring and an axis label.
const LABEL_GAP: f64 = 12.0;
/// Room for an axis label beside the chart (about 25 characters).
const LABEL_WIDTH: f64 = 200.0;
/// Axis label font size and line height.
const LABEL_FONT: f64 = 13.0;
const LABEL_LINE: i32 = 16;
/// Axis labels wrap into at most this many lines.
const LABEL_LINES: usize = 3;
/// Horizontal centre of the chart.
const CX: f64 = WIDTH as f64 / 2.0;
/// Margin above the highest label and below the lowest.
const MARGIN: f64 = 8.0;
/// Minimum distance between two label boxes.
const LABEL_PADDING: f64 = 6.0;

/// An axis label laid out around the centre (coordinates relative to the centre).
struct LabelBox {
    lines: Vec<String>,
    /// x of the anchor and horizontal anchor.
    x: f64,
    h: HPos,
    /// Box, as estimated from the text.
    left: f64,
    right: f64,
    top: f64,
    /// Whether the label is centred above or below the chart (and may move outward).
    movable: Option<f64>,
}

impl LabelBox {
    fn bottom(&self) -> f64 {
        self.top + (self.lines.len() as i32 * LABEL_LINE) as f64
    }

    fn overlaps(&self, other: &LabelBox) -> bool {
        self.left < other.right + LABEL_PADDING
            && other.left < self.right + LABEL_PADDING
            && self.top < other.bottom() + LABEL_PADDING
            && other.top < self.bottom() + LABEL_PADDING
    }
}

/// Lays out the axis labels around the centre: beside the chart they start (or end) at the
/// label circle, above and below it they are centred and moved outward until they clear
/// their neighbours.
fn layout_labels(axes: &[String], dir: impl Fn(usize) -> (f64, f64)) -> Vec<LabelBox> {
    let max_chars = chars_fitting(LABEL_WIDTH, LABEL_FONT);
    let mut boxes: Vec<LabelBox> = axes
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (dx, dy) = dir(i);
            let lines = wrap(&sanitize(name), max_chars, LABEL_LINES);
            let width = lines
                .iter()
                .map(|l| estimate_width(l, LABEL_FONT))
                .fold(0.0, f64::max);
            let (ax, ay) = ((RADIUS + LABEL_GAP) * dx, (RADIUS + LABEL_GAP) * dy);
            let (h, left) = if dx > 0.2 {
                (HPos::Left, ax)
            } else if dx < -0.2 {
                (HPos::Right, ax - width)
            } else {
                (HPos::Center, ax - width / 2.0)
            };
            let block = (lines.len() as i32 * LABEL_LINE) as f64;
            let top = if dy < -0.5 {
                ay - block
            } else if dy > 0.5 {
                ay
            } else {
                ay - block / 2.0
            };
            let movable = (matches!(h, HPos::Center) && dy.abs() > 0.5).then_some(dy.signum());
            LabelBox {
                lines,
                x: ax,
                h,
                left,
                right: left + width,
                top,
                movable,
            }
        })
        .collect();
    for i in 0..boxes.len() {
        let Some(direction) = boxes[i].movable else {
            continue;
        };
        for _ in 0..100 {
            let clash = (0..boxes.len()).any(|j| j != i && boxes[i].overlaps(&boxes[j]));
            if !clash {
                break;
            }
            boxes[i].top += 2.0 * direction;
        }
    }
    boxes
}

/// Radar (spider) chart: one axis per dimension, scale 0–4 with rings at 1,2,3,4.
///
/// Axes start at the top and go clockwise. Each axis line has `class="axis"` and its label
/// `class="axis-label"`; long labels wrap into at most three lines of about 26 characters and
/// end in "…" beyond that (the page's data table has the full names). A series with all
/// values is drawn as a lightly filled, outlined polygon; a `None` value leaves a gap in the
/// outline (the neighbouring values are not joined across it). Errors: no axes, fewer than
/// three, a series whose length differs from the number of axes, or a value outside 0–4.
pub fn radar_chart(
    title: &str,
    description: &str,
    axes: &[String],
    series: &[Series],
) -> Result<String, ChartError> {
    if axes.is_empty() {
        return Err(ChartError::NoAxes);
    }
    if axes.len() < 3 {
        return Err(ChartError::TooFewAxes { got: axes.len() });
    }
    let values = check_series(series, axes.len())?;
    let n = axes.len();

    // Unit direction of axis i: the first points up, then clockwise.
    let dir = |i: usize| {
        let angle = std::f64::consts::TAU * i as f64 / n as f64;
        (angle.sin(), -angle.cos())
    };
    let labels = layout_labels(axes, dir);
    let highest = labels.iter().map(|b| b.top).fold(-RADIUS, f64::min);
    let lowest = labels.iter().map(LabelBox::bottom).fold(RADIUS, f64::max);
    let cy = (MARGIN - highest).ceil();
    let legend_top = (cy + lowest + 2.0 * MARGIN).ceil() as i32;
    let height = (legend_top + series.len() as i32 * LEGEND_ROW + MARGIN as i32) as u32;
    let at = |i: usize, value: f64| {
        let (dx, dy) = dir(i);
        let r = RADIUS * value / SCALE_MAX;
        pt(CX + r * dx, cy + r * dy)
    };

    let mut raw = String::new();
    let tags = {
        let mut c = Canvas::new(&mut raw, WIDTH, height)?;

        // Rings at 1, 2, 3 and 4.
        for level in 1..=4 {
            let mut ring: Vec<Pt> = (0..n).map(|i| at(i, f64::from(level))).collect();
            ring.push(ring[0]);
            let color = if level == 4 { AXIS } else { GRID };
            c.path(ring, color, 1, "class=\"ring\"")?;
        }

        // One axis line per dimension, with its label.
        for (i, label) in labels.iter().enumerate() {
            c.line(at(i, 0.0), at(i, SCALE_MAX), AXIS, 1, "class=\"axis\"")?;
            let (x, top) = pt(CX + label.x, cy + label.top);
            c.text_lines(
                &label.lines,
                x,
                top,
                LABEL_LINE,
                LABEL_FONT,
                label.h,
                "class=\"axis-label\"",
            )?;
        }

        // Series: light fills first, then outlines, then points on top.
        for (s, vals) in values.iter().enumerate() {
            if vals.iter().all(Option::is_some) {
                let look = Look::of(s);
                let poly: Vec<Pt> = vals
                    .iter()
                    .enumerate()
                    .map(|(i, v)| at(i, v.unwrap_or(0.0)))
                    .collect();
                let attrs = format!("class=\"series-area series-{s}\"");
                c.polygon(poly, look.color, 0.08, &attrs)?;
            }
        }
        for (s, vals) in values.iter().enumerate() {
            let look = Look::of(s);
            for run in runs(vals) {
                let mut points: Vec<Pt> =
                    run.iter().map(|&i| at(i, vals[i].unwrap_or(0.0))).collect();
                if run.len() == n {
                    points.push(points[0]);
                }
                if points.len() >= 2 {
                    c.path(points, look.color, 2, &look.line_attrs("series"))?;
                }
            }
        }
        for (s, vals) in values.iter().enumerate() {
            let look = Look::of(s);
            for (i, v) in vals.iter().enumerate() {
                if let Some(v) = v {
                    look.point(&mut c, at(i, *v))?;
                }
            }
        }

        // Scale labels beside the first (top) axis, clear of its points, with a white halo
        // so they stay readable over the series lines.
        for level in 1..=4 {
            let (x, y) = at(0, f64::from(level));
            c.text(
                &level.to_string(),
                (x + 8, y),
                11.0,
                INK_SOFT,
                Anchor::START,
                false,
                "class=\"tick-label\" stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\"",
            )?;
        }

        let names: Vec<String> = series.iter().map(|s| sanitize(&s.label)).collect();
        legend(&mut c, &names, 24, legend_top, WIDTH as i32 - 48)?;
        c.end()?
    };

    let mut id = IdHasher::new();
    id.str("radar").str(title).str(description);
    axes.iter().for_each(|a| {
        id.str(a);
    });
    for s in series {
        id.str(&s.label);
        s.values.iter().for_each(|v| {
            id.value(*v);
        });
    }
    let (title, description) = (sanitize(title), sanitize(description));
    finish(
        &raw,
        &tags,
        &Meta {
            kind: "radar",
            id: &id.id(),
            title: &title,
            description: &description,
            size: (WIDTH, height),
        },
    )
}

/// Maximal runs of consecutive axes that have a value, going round the chart. When every
/// axis has a value the single run holds all of them (and the caller closes the outline).
fn runs(values: &[Option<f64>]) -> Vec<Vec<usize>> {
    let n = values.len();
    let Some(gap) = values.iter().position(Option::is_none) else {
        return vec![(0..n).collect()];
    };
    let mut out = Vec::new();
    let mut current = Vec::new();
    for step in 1..=n {
        let i = (gap + step) % n;
        if values[i].is_some() {
            current.push(i);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn runs_wrap_around_the_gap() {
        let v = [Some(1.0), None, Some(2.0), Some(3.0), None, Some(4.0)];
        assert_eq!(runs(&v), vec![vec![2, 3], vec![5, 0]]);
        assert_eq!(
            runs(&[Some(1.0), Some(1.0), Some(1.0)]),
            vec![vec![0, 1, 2]]
        );
        assert!(runs(&[None, None, None]).is_empty());
        assert_eq!(runs(&[None, Some(1.0), None]), vec![vec![1]]);
    }
}
