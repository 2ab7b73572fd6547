//! A thin drawing layer over plotters' SVG backend.
//!
//! plotters draws every element; this layer adds what its SVG backend cannot express:
//! `class` attributes, dash patterns and round line caps on chosen elements, plus the
//! accessible root element (`role`, `aria-labelledby`, `<title>`, `<desc>`).
//!
//! How: before an element that needs extra attributes, [`Canvas`] draws a marker text whose
//! content is [`MARK`] followed by an index into its attribute list. plotters' SVG backend
//! writes one element per line and a text element as exactly three lines (`<text …>`, the
//! escaped content, `</text>`), so [`finish`] can find each marker, drop it and put the
//! attributes on the next element. Caller text never contains [`MARK`] (see
//! [`crate::text::sanitize`]) and any other text is escaped by plotters, so a marker cannot
//! be forged. Attributes added here are only ones plotters never writes on that element
//! (`class`, `stroke-dasharray`, `stroke-linecap`, `stroke-linejoin`; `stroke`,
//! `stroke-width` and `paint-order` on text), so none is duplicated (the XML tests would fail).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::text::{escape_xml, MARK};
use crate::ChartError;

/// Font family of every text; the page's CSS may override it on `.qs-chart text`.
const FONT: FontFamily<'static> = FontFamily::SansSerif;

/// plotters' SVG backend writes `font-size = size / 1.24`; this undoes that factor.
const PLOTTERS_FONT_FACTOR: f64 = 1.24;

/// Dark text colour (#1F2937, 14.7:1 on white).
pub(crate) const INK: RGBColor = RGBColor(0x1F, 0x29, 0x37);
/// Secondary text and axis colour (#4B5563, 7.6:1 on white).
pub(crate) const INK_SOFT: RGBColor = RGBColor(0x4B, 0x55, 0x63);
/// Axis lines and outlines (#6B7280, 4.8:1 on white).
pub(crate) const AXIS: RGBColor = RGBColor(0x6B, 0x72, 0x80);
/// Grid lines and rings: decorative, deliberately light (#D1D5DB).
pub(crate) const GRID: RGBColor = RGBColor(0xD1, 0xD5, 0xDB);
/// Background.
pub(crate) const PAPER: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// A point in SVG user units (the `viewBox` coordinates).
pub(crate) type Pt = (i32, i32);

/// Rounds an `f64` point to user units.
pub(crate) fn pt(x: f64, y: f64) -> Pt {
    (x.round() as i32, y.round() as i32)
}

/// How a text is anchored at its position.
#[derive(Clone, Copy)]
pub(crate) struct Anchor {
    /// Horizontal anchor: start, middle or end.
    pub h: HPos,
    /// Vertical anchor: top, centre or bottom (approximated by plotters with `dy`).
    pub v: VPos,
}

impl Anchor {
    /// Anchored at its start, vertically centred.
    pub const START: Anchor = Anchor {
        h: HPos::Left,
        v: VPos::Center,
    };
    /// Anchored at its end, vertically centred.
    pub const END: Anchor = Anchor {
        h: HPos::Right,
        v: VPos::Center,
    };
    /// Top-anchored, horizontally centred.
    pub const TOP_MIDDLE: Anchor = Anchor {
        h: HPos::Center,
        v: VPos::Top,
    };
}

/// The drawing surface of one chart.
pub(crate) struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
    tags: Vec<String>,
}

/// Maps any plotters drawing error to [`ChartError::Drawing`].
fn drawing<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Drawing(e.to_string())
}

impl<'a> Canvas<'a> {
    /// Starts a `width` × `height` chart writing into `buf`, on a white background.
    pub fn new(buf: &'a mut String, width: u32, height: u32) -> Result<Self, ChartError> {
        let area = SVGBackend::with_string(buf, (width, height)).into_drawing_area();
        let mut canvas = Canvas {
            area,
            tags: Vec::new(),
        };
        canvas.tag("class=\"background\"")?;
        canvas.area.fill(&PAPER).map_err(drawing)?;
        Ok(canvas)
    }

    /// Puts `attrs` (already valid attribute markup) on the next element drawn.
    fn tag(&mut self, attrs: &str) -> Result<(), ChartError> {
        if attrs.is_empty() {
            return Ok(());
        }
        let index = self.tags.len();
        self.tags.push(attrs.to_string());
        let style = TextStyle::from(FontDesc::new(FONT, 1.0, FontStyle::Normal));
        self.area
            .draw(&Text::new(format!("{MARK}{index}"), (0, 0), style))
            .map_err(drawing)
    }

    /// An open polyline (or a closed one when the first point is repeated at the end).
    pub fn path(
        &mut self,
        points: Vec<Pt>,
        color: RGBColor,
        width: u32,
        attrs: &str,
    ) -> Result<(), ChartError> {
        self.tag(attrs)?;
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled: false,
            stroke_width: width,
        };
        self.area
            .draw(&PathElement::new(points, style))
            .map_err(drawing)
    }

    /// A straight line.
    pub fn line(
        &mut self,
        from: Pt,
        to: Pt,
        color: RGBColor,
        width: u32,
        attrs: &str,
    ) -> Result<(), ChartError> {
        self.path(vec![from, to], color, width, attrs)
    }

    /// A filled polygon with the given opacity.
    pub fn polygon(
        &mut self,
        points: Vec<Pt>,
        color: RGBColor,
        opacity: f64,
        attrs: &str,
    ) -> Result<(), ChartError> {
        self.tag(attrs)?;
        self.area
            .draw(&Polygon::new(points, color.mix(opacity).filled()))
            .map_err(drawing)
    }

    /// A rectangle, filled or outlined (1 unit wide).
    pub fn rect(
        &mut self,
        top_left: Pt,
        bottom_right: Pt,
        color: RGBColor,
        filled: bool,
        attrs: &str,
    ) -> Result<(), ChartError> {
        self.tag(attrs)?;
        let style = ShapeStyle {
            color: color.to_rgba(),
            filled,
            stroke_width: 1,
        };
        self.area
            .draw(&Rectangle::new([top_left, bottom_right], style))
            .map_err(drawing)
    }

    /// A filled circle.
    pub fn circle(
        &mut self,
        centre: Pt,
        radius: i32,
        color: RGBColor,
        attrs: &str,
    ) -> Result<(), ChartError> {
        self.tag(attrs)?;
        self.area
            .draw(&Circle::new(centre, radius, color.filled()))
            .map_err(drawing)
    }

    /// One line of text. `text` must already be sanitised; plotters escapes it.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        text: &str,
        at: Pt,
        font_px: f64,
        color: RGBColor,
        anchor: Anchor,
        bold: bool,
        attrs: &str,
    ) -> Result<(), ChartError> {
        if text.is_empty() {
            return Ok(());
        }
        self.tag(attrs)?;
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let style = TextStyle::from(FontDesc::new(FONT, font_px * PLOTTERS_FONT_FACTOR, weight))
            .color(&color)
            .pos(Pos::new(anchor.h, anchor.v));
        self.area.draw(&Text::new(text, at, style)).map_err(drawing)
    }

    /// Several lines of text, `line_height` apart, the first one top-anchored at `top`.
    #[allow(clippy::too_many_arguments)]
    pub fn text_lines(
        &mut self,
        lines: &[String],
        x: i32,
        top: i32,
        line_height: i32,
        font_px: f64,
        h: HPos,
        attrs: &str,
    ) -> Result<(), ChartError> {
        for (i, line) in lines.iter().enumerate() {
            let anchor = Anchor { h, v: VPos::Top };
            let at = (x, top + i as i32 * line_height);
            self.text(line, at, font_px, INK, anchor, false, attrs)?;
        }
        Ok(())
    }

    /// Ends drawing; returns the attribute list for [`finish`].
    pub fn end(self) -> Result<Vec<String>, ChartError> {
        self.area.present().map_err(drawing)?;
        Ok(self.tags)
    }
}

/// What the root element says about the chart.
pub(crate) struct Meta<'a> {
    /// Chart kind, used in the root's class (`qs-chart-radar`, …).
    pub kind: &'a str,
    /// Base id, unique per chart; `-title` and `-desc` are appended.
    pub id: &'a str,
    /// Sanitised title.
    pub title: &'a str,
    /// Sanitised description.
    pub description: &'a str,
    /// Width and height in user units.
    pub size: (u32, u32),
}

/// Turns plotters' raw SVG into the final document: accessible root, title and desc first,
/// marker texts replaced by attributes on the element that follows each, tidy font sizes.
pub(crate) fn finish(raw: &str, tags: &[String], meta: &Meta<'_>) -> Result<String, ChartError> {
    let internal = |what: &str| ChartError::Drawing(format!("unexpected SVG output: {what}"));
    let lines: Vec<&str> = raw.lines().collect();
    let first = lines.first().copied().unwrap_or_default();
    if !first.starts_with("<svg ") {
        return Err(internal("no <svg> root"));
    }
    let (w, h) = meta.size;
    let mut out = String::with_capacity(raw.len() + 512);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         class=\"qs-chart qs-chart-{kind}\">\n",
        id = meta.id,
        kind = meta.kind,
    ));
    out.push_str(&format!(
        "<title id=\"{}-title\">{}</title>\n<desc id=\"{}-desc\">{}</desc>\n",
        meta.id,
        escape_xml(meta.title),
        meta.id,
        escape_xml(meta.description),
    ));

    let mut pending: Option<&str> = None;
    let mut i = 1;
    while i < lines.len() {
        let line = lines[i];
        // A marker: `<text …>`, `MARK<index>`, `</text>`.
        if line.starts_with("<text ")
            && lines.get(i + 2) == Some(&"</text>")
            && lines[i + 1].starts_with(MARK)
        {
            let index: usize = lines[i + 1][MARK.len_utf8()..]
                .parse()
                .map_err(|_| internal("bad marker"))?;
            if pending.is_some() {
                return Err(internal("marker without element"));
            }
            pending = Some(tags.get(index).ok_or_else(|| internal("bad marker"))?);
            i += 3;
            continue;
        }
        let mut line = line.to_string();
        if line.starts_with("<text ") {
            line = tidy_font_size(&line);
        }
        if line.starts_with('<') && !line.starts_with("</") {
            if let Some(attrs) = pending.take() {
                let name_end = line
                    .find([' ', '>', '/'])
                    .ok_or_else(|| internal("element without name"))?;
                line.insert_str(name_end, &format!(" {attrs}"));
            }
        }
        out.push_str(&line);
        out.push('\n');
        i += 1;
    }
    if pending.is_some() {
        return Err(internal("marker at the end"));
    }
    Ok(out)
}

/// Rounds the `font-size` that plotters computed (`size / 1.24`) to two decimals.
fn tidy_font_size(line: &str) -> String {
    const KEY: &str = " font-size=\"";
    let Some(start) = line.find(KEY).map(|s| s + KEY.len()) else {
        return line.to_string();
    };
    let Some(len) = line[start..].find('"') else {
        return line.to_string();
    };
    let Ok(size) = line[start..start + len].parse::<f64>() else {
        return line.to_string();
    };
    let tidy = format!("{:.2}", size);
    let tidy = tidy.trim_end_matches('0').trim_end_matches('.');
    format!("{}{}{}", &line[..start], tidy, &line[start + len..])
}

/// A stable 64-bit FNV-1a hash, for ids that are the same on every render of the same chart.
pub(crate) struct IdHasher(u64);

impl IdHasher {
    /// Starts a hash.
    pub fn new() -> Self {
        IdHasher(0xcbf2_9ce4_8422_2325)
    }

    /// Adds bytes and a separator.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for b in bytes.iter().chain(std::iter::once(&0xFF)) {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    /// Adds a string.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    /// Adds an optional value.
    pub fn value(&mut self, v: Option<f64>) -> &mut Self {
        match v {
            Some(v) => self.bytes(&v.to_bits().to_le_bytes()),
            None => self.bytes(b"-"),
        }
    }

    /// The id: `qs-chart-` and 12 hex digits.
    pub fn id(&self) -> String {
        format!("qs-chart-{:012x}", self.0 >> 16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_sizes_are_tidied() {
        assert_eq!(
            tidy_font_size("<text x=\"1\" font-size=\"13.000000000000002\" fill=\"#000\">"),
            "<text x=\"1\" font-size=\"13\" fill=\"#000\">"
        );
        assert_eq!(
            tidy_font_size("<text font-size=\"11.5\">"),
            "<text font-size=\"11.5\">"
        );
    }

    #[test]
    fn ids_are_stable_and_differ() {
        let a = IdHasher::new().str("radar").str("A").id();
        let b = IdHasher::new().str("radar").str("A").id();
        let c = IdHasher::new().str("radar").str("B").id();
        assert_eq!(a, b);
        assert_ne!(a, c);
        // "ab"+"c" and "a"+"bc" must differ thanks to the separator.
        assert_ne!(
            IdHasher::new().str("ab").str("c").id(),
            IdHasher::new().str("a").str("bc").id()
        );
    }
}
