//! Line chart of scores across rounds.

use plotters::style::text_anchor::HPos;

use crate::canvas::{finish, pt, Anchor, Canvas, IdHasher, Meta, Pt, AXIS, GRID, INK_SOFT};
use crate::series_style::{legend, Look, LEGEND_ROW};
use crate::text::{chars_fitting, sanitize, wrap};
use crate::{check_series, ChartError, Series, SCALE_MAX};

/// Width of the chart in user units.
const WIDTH: u32 = 720;
/// The plot area.
const X0: i32 = 48;
const X1: i32 = 704;
const Y_TOP: i32 = 14;
const Y_BOTTOM: i32 = 254;
/// Round label font size, line height and number of lines.
const X_FONT: f64 = 12.0;
const X_LINE: i32 = 15;
const X_LINES: usize = 2;
/// Where the legend starts.
const LEGEND_TOP: i32 = Y_BOTTOM + 8 + X_LINES as i32 * X_LINE + 14;

/// Line chart of scores across rounds (trends): x = round labels, one series per dimension or overall.
///
/// Rounds are evenly spaced categories, oldest first as given. A `None` value breaks the
/// line (no line is drawn across a round without data); every value has a point. Round
/// labels wrap into two lines within their column. Errors: no rounds, a series whose length
/// differs from the number of rounds, or a value outside 0–4.
pub fn line_chart(
    title: &str,
    description: &str,
    x_labels: &[String],
    series: &[Series],
) -> Result<String, ChartError> {
    if x_labels.is_empty() {
        return Err(ChartError::NoAxes);
    }
    let values = check_series(series, x_labels.len())?;
    let n = x_labels.len();
    let step = f64::from(X1 - X0) / n as f64;
    let height = (LEGEND_TOP + series.len() as i32 * LEGEND_ROW + 8) as u32;
    let x_of = |i: usize| f64::from(X0) + step * (i as f64 + 0.5);
    let y_of = |v: f64| f64::from(Y_BOTTOM) - f64::from(Y_BOTTOM - Y_TOP) * v / SCALE_MAX;

    let mut raw = String::new();
    let tags = {
        let mut c = Canvas::new(&mut raw, WIDTH, height)?;

        // Horizontal grid, the baseline and the scale.
        for level in 0..=4 {
            let y = y_of(f64::from(level)).round() as i32;
            let (color, class) = if level == 0 {
                (AXIS, "class=\"axis\"")
            } else {
                (GRID, "class=\"grid\"")
            };
            c.line((X0, y), (X1, y), color, 1, class)?;
            c.text(
                &level.to_string(),
                (X0 - 8, y),
                11.0,
                INK_SOFT,
                Anchor::END,
                false,
                "class=\"tick-label\"",
            )?;
        }

        // Rounds.
        let max_chars = chars_fitting(step - 8.0, X_FONT);
        for (i, label) in x_labels.iter().enumerate() {
            let x = x_of(i).round() as i32;
            c.line((x, Y_BOTTOM), (x, Y_BOTTOM + 4), AXIS, 1, "class=\"tick\"")?;
            let lines = wrap(&sanitize(label), max_chars, X_LINES);
            c.text_lines(
                &lines,
                x,
                Y_BOTTOM + 8,
                X_LINE,
                X_FONT,
                HPos::Center,
                "class=\"x-label\"",
            )?;
        }

        // Lines, broken at missing values, then points on top.
        for (s, vals) in values.iter().enumerate() {
            let look = Look::of(s);
            let mut run: Vec<Pt> = Vec::new();
            for (i, v) in vals.iter().chain(std::iter::once(&None)).enumerate() {
                match v {
                    Some(v) => run.push(pt(x_of(i), y_of(*v))),
                    None => {
                        if run.len() >= 2 {
                            c.path(
                                std::mem::take(&mut run),
                                look.color,
                                2,
                                &look.line_attrs("series"),
                            )?;
                        }
                        run.clear();
                    }
                }
            }
        }
        for (s, vals) in values.iter().enumerate() {
            let look = Look::of(s);
            for (i, v) in vals.iter().enumerate() {
                if let Some(v) = v {
                    look.point(&mut c, pt(x_of(i), y_of(*v)))?;
                }
            }
        }

        let labels: Vec<String> = series.iter().map(|s| sanitize(&s.label)).collect();
        legend(&mut c, &labels, 24, LEGEND_TOP, WIDTH as i32 - 48)?;
        c.end()?
    };

    let mut id = IdHasher::new();
    id.str("line").str(title).str(description);
    x_labels.iter().for_each(|l| {
        id.str(l);
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
            kind: "line",
            id: &id.id(),
            title: &title,
            description: &description,
            size: (WIDTH, height),
        },
    )
}
