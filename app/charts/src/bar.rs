//! Horizontal bar chart.

use plotters::prelude::RGBColor;
use plotters::style::text_anchor::HPos;

use crate::canvas::{finish, Anchor, Canvas, IdHasher, Meta, Pt, AXIS, GRID, INK, INK_SOFT, PAPER};
use crate::series_style::PALETTE;
use crate::text::{chars_fitting, format_score, sanitize, truncate, wrap};
use crate::{check_value, ChartError, SCALE_MAX};

/// Width of the chart in user units.
const WIDTH: u32 = 720;
/// Row labels end here (right-aligned next to the bars).
const LABEL_RIGHT: i32 = 260;
/// Room for a row label.
const LABEL_WIDTH: f64 = 248.0;
/// Row label font size, line height and number of lines.
const LABEL_FONT: f64 = 13.0;
const LABEL_LINE: i32 = 16;
const LABEL_LINES: usize = 2;
/// The 0–4 scale runs from X0 to X1.
const X0: i32 = 272;
const X1: i32 = 652;
/// Values are printed right-aligned here, clear of bars, bands and markers.
const VALUE_RIGHT: i32 = 712;
/// Top margin and height of one row.
const TOP: i32 = 8;
const ROW: i32 = 44;
/// Half heights of the bar, the band and the marker.
const BAR_HALF: i32 = 7;
const BAND_HALF: i32 = 13;
const MARKER_HALF: i32 = 16;
/// Legend row height.
const LEGEND_ROW: i32 = 26;

/// Bar colour (#0072B2, 5.2:1 on white).
const BAR: RGBColor = PALETTE[0];
/// Band fill: light and decorative; its outline in [`AXIS`] carries the contrast.
const BAND: RGBColor = RGBColor(0xDC, 0xE6, 0xF0);

/// One row of a horizontal bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    /// Row label, e.g. a dimension name; wrapped into at most two lines.
    pub label: String,
    /// The bar's value on the 0–4 scale; `None` draws no bar and prints "–".
    pub value: Option<f64>,
    /// A range drawn as a light, outlined box behind the bar (e.g. peer quartiles).
    pub band: Option<(f64, f64)>,
    /// A value drawn as a dark tick across the bar (e.g. peer median).
    pub marker: Option<f64>,
}

/// Legend texts and number format of a bar chart; [`Default`] is Dutch with a decimal comma.
#[derive(Debug, Clone, PartialEq)]
pub struct BarOptions {
    /// Legend text for the bar, shown only when some row has a band or marker.
    pub value_legend: String,
    /// Legend text for the band, shown when some row has a band.
    pub band_legend: String,
    /// Legend text for the marker, shown when some row has a marker.
    pub marker_legend: String,
    /// Print values as "2,5" (true: nl, fr) or "2.5" (false: en).
    pub decimal_comma: bool,
}

impl Default for BarOptions {
    fn default() -> Self {
        BarOptions {
            value_legend: "Score van uw organisatie".into(),
            band_legend: "Middelste helft van de vergelijkingsgroep (25e tot 75e percentiel)"
                .into(),
            marker_legend: "Mediaan van de vergelijkingsgroep".into(),
            decimal_comma: true,
        }
    }
}

/// Horizontal bar chart on the 0–4 scale, one bar per row.
///
/// Uses [`BarOptions::default`] (Dutch legend, decimal comma); see [`bar_chart_with`].
pub fn bar_chart(title: &str, description: &str, rows: &[BarRow]) -> Result<String, ChartError> {
    bar_chart_with(title, description, rows, &BarOptions::default())
}

/// Horizontal bar chart with the given legend texts and number format.
///
/// Each bar has `class="bar"` (one per row with a value), bands `class="band"`, markers
/// `class="marker"`. Values are printed in a column right of the plot. Errors: no rows, or a
/// value, band end or marker outside 0–4. A band given high-to-low is drawn low-to-high.
pub fn bar_chart_with(
    title: &str,
    description: &str,
    rows: &[BarRow],
    options: &BarOptions,
) -> Result<String, ChartError> {
    if rows.is_empty() {
        return Err(ChartError::NoAxes);
    }
    let mut checked = Vec::with_capacity(rows.len());
    for row in rows {
        let ctx = |what: &'static str| move || format!("row {:?}, {what}", row.label);
        let value = check_value(row.value, ctx("value"))?;
        let band = match row.band {
            None => None,
            Some((a, b)) => {
                let a = check_value(Some(a), ctx("band"))?.unwrap_or(0.0);
                let b = check_value(Some(b), ctx("band"))?.unwrap_or(0.0);
                Some((a.min(b), a.max(b)))
            }
        };
        let marker = check_value(row.marker, ctx("marker"))?;
        checked.push((value, band, marker));
    }
    let any_band = checked.iter().any(|r| r.1.is_some());
    let any_marker = checked.iter().any(|r| r.2.is_some());
    let legend_rows = if any_band || any_marker {
        1 + i32::from(any_band) + i32::from(any_marker)
    } else {
        0
    };
    let rows_bottom = TOP + rows.len() as i32 * ROW;
    let legend_top = rows_bottom + 30;
    let height = (legend_top + legend_rows * LEGEND_ROW + 8) as u32;
    let x_of = |v: f64| X0 + ((X1 - X0) as f64 * v / SCALE_MAX).round() as i32;

    let mut raw = String::new();
    let tags = {
        let mut c = Canvas::new(&mut raw, WIDTH, height)?;

        // Grid lines and scale.
        for level in 0..=4 {
            let x = x_of(f64::from(level));
            let (color, class) = if level == 0 {
                (AXIS, "class=\"axis\"")
            } else {
                (GRID, "class=\"grid\"")
            };
            c.line((x, TOP), (x, rows_bottom), color, 1, class)?;
            c.text(
                &level.to_string(),
                (x, rows_bottom + 6),
                11.0,
                INK_SOFT,
                Anchor::TOP_MIDDLE,
                false,
                "class=\"tick-label\"",
            )?;
        }

        let max_chars = chars_fitting(LABEL_WIDTH, LABEL_FONT);
        for (i, (row, (value, band, marker))) in rows.iter().zip(&checked).enumerate() {
            let yc = TOP + i as i32 * ROW + ROW / 2;
            let lines = wrap(&sanitize(&row.label), max_chars, LABEL_LINES);
            let top = yc - lines.len() as i32 * LABEL_LINE / 2 + 1;
            c.text_lines(
                &lines,
                LABEL_RIGHT,
                top,
                LABEL_LINE,
                LABEL_FONT,
                HPos::Right,
                "class=\"row-label\"",
            )?;

            if let Some((lo, hi)) = band {
                band_box(
                    &mut c,
                    (x_of(*lo), yc - BAND_HALF),
                    (x_of(*hi), yc + BAND_HALF),
                )?;
            }
            if let Some(v) = value {
                c.rect(
                    (X0, yc - BAR_HALF),
                    (x_of(*v), yc + BAR_HALF),
                    BAR,
                    true,
                    "class=\"bar\"",
                )?;
            }
            if let Some(m) = marker {
                marker_tick(&mut c, x_of(*m), yc)?;
            }
            let (text, color) = match value {
                Some(v) => (format_score(*v, options.decimal_comma), INK),
                None => ("–".to_string(), INK_SOFT),
            };
            c.text(
                &text,
                (VALUE_RIGHT, yc),
                13.0,
                color,
                Anchor::END,
                true,
                "class=\"value-label\"",
            )?;
        }

        // Legend: what the bar, the band and the marker mean.
        if legend_rows > 0 {
            let max_chars = chars_fitting(f64::from(WIDTH as i32 - 48 - 50), 13.0);
            let mut y = legend_top + LEGEND_ROW / 2;
            let entry = |c: &mut Canvas<'_>, y: i32, label: &str| {
                c.text(
                    &truncate(&sanitize(label), max_chars),
                    (74, y),
                    13.0,
                    INK,
                    Anchor::START,
                    false,
                    "class=\"legend-label\"",
                )
            };
            c.rect(
                (24, y - BAR_HALF),
                (64, y + BAR_HALF),
                BAR,
                true,
                "class=\"legend-bar\"",
            )?;
            entry(&mut c, y, &options.value_legend)?;
            if any_band {
                y += LEGEND_ROW;
                band_box(&mut c, (24, y - BAND_HALF + 3), (64, y + BAND_HALF - 3))?;
                entry(&mut c, y, &options.band_legend)?;
            }
            if any_marker {
                y += LEGEND_ROW;
                marker_tick(&mut c, 44, y)?;
                entry(&mut c, y, &options.marker_legend)?;
            }
        }
        c.end()?
    };

    let mut id = IdHasher::new();
    id.str("bar").str(title).str(description);
    for row in rows {
        id.str(&row.label)
            .value(row.value)
            .value(row.band.map(|b| b.0))
            .value(row.band.map(|b| b.1))
            .value(row.marker);
    }
    let (title, description) = (sanitize(title), sanitize(description));
    finish(
        &raw,
        &tags,
        &Meta {
            kind: "bar",
            id: &id.id(),
            title: &title,
            description: &description,
            size: (WIDTH, height),
        },
    )
}

/// A band: a light box with an outline that contrasts with white.
fn band_box(c: &mut Canvas<'_>, top_left: Pt, bottom_right: Pt) -> Result<(), ChartError> {
    c.rect(top_left, bottom_right, BAND, true, "class=\"band\"")?;
    c.rect(top_left, bottom_right, AXIS, false, "class=\"band-edge\"")
}

/// A marker: a dark vertical tick with a white halo, so it shows on the bar and the band.
fn marker_tick(c: &mut Canvas<'_>, x: i32, yc: i32) -> Result<(), ChartError> {
    let (from, to) = ((x, yc - MARKER_HALF), (x, yc + MARKER_HALF));
    c.line(from, to, PAPER, 5, "class=\"marker-halo\"")?;
    c.line(from, to, INK, 3, "class=\"marker\"")
}
