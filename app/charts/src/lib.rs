//! Accessible SVG charts for QuickScan on the 0–4 maturity scale: radar, horizontal bar and
//! line (trend) charts, drawn server-side with plotters' SVG backend and returned as a
//! string to put inline in an HTML page.
//!
//! Every chart:
//! - is one `<svg>` element with `role="img"`, `aria-labelledby` naming its `<title>` and
//!   `<desc>` (its first two children) and the class `qs-chart qs-chart-{radar|bar|line}`;
//! - has `width`, `height` **and** `viewBox` (all in the same user units): the attributes give
//!   the natural size and aspect ratio, and CSS such as
//!   `.qs-chart { width: 100%; height: auto; max-width: 45rem }` makes it responsive;
//! - ids are derived from a stable hash of the chart kind and all inputs, so the same chart
//!   renders byte-for-byte the same (server and hydration agree) and different charts on one
//!   page never share an id;
//! - draws no visible title: the page shows the title (e.g. a `<figcaption>`) and a data
//!   table with the same numbers, which is the text alternative for details;
//! - uses the browser's `sans-serif` font, laid out with a generous width estimate (no font
//!   files, no font metrics needed), and a white background.
//!
//! Values must be finite and on the 0–4 scale; `None` means "no data".
//!
//! ```
//! use quickscan_charts::{radar_chart, Series};
//!
//! let axes: Vec<String> = ["Beleid", "Leiderschap", "Risico's"].map(String::from).to_vec();
//! let mine = Series::new("Uw organisatie", vec![Some(3.0), None, Some(1.5)]);
//! let svg = radar_chart("Maturiteit", "Score per dimensie, van 0 tot 4.", &axes, &[mine]).unwrap();
//! assert!(svg.starts_with("<svg") && svg.contains("<title"));
//! ```

#![warn(missing_docs)]

mod bar;
mod canvas;
mod line;
mod radar;
mod series_style;
mod text;

pub use bar::{bar_chart, bar_chart_with, BarOptions, BarRow};
pub use line::line_chart;
pub use radar::radar_chart;

/// Highest score on the scale; the lowest is 0.
pub const SCALE_MAX: f64 = 4.0;

/// One data series on a chart (e.g. "your organisation", "peer median").
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Name shown in the legend.
    pub label: String,
    /// One value per axis (or round), on the 0–4 scale; `None` = no data, drawn as a gap.
    pub values: Vec<Option<f64>>,
}

impl Series {
    /// A series from a label and its values.
    pub fn new(label: impl Into<String>, values: Vec<Option<f64>>) -> Self {
        Series {
            label: label.into(),
            values,
        }
    }
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// There is nothing to draw along: no axes, rows or rounds.
    #[error("the chart has no axes, rows or rounds")]
    NoAxes,
    /// A radar chart needs at least three axes to enclose an area.
    #[error("a radar chart needs at least 3 axes, got {got}; use a bar chart instead")]
    TooFewAxes {
        /// Number of axes given.
        got: usize,
    },
    /// A series has a different number of values than there are axes (or rounds).
    #[error("series {series:?} has {got} values, expected {expected}")]
    MismatchedLengths {
        /// Label of the offending series.
        series: String,
        /// Number of axes or rounds.
        expected: usize,
        /// Number of values in the series.
        got: usize,
    },
    /// A value is not a finite number between 0 and 4.
    #[error("{context}: value {value} is not a number between 0 and 4")]
    InvalidValue {
        /// Which series or row, and which part of it.
        context: String,
        /// The offending value.
        value: f64,
    },
    /// plotters or the SVG post-processing failed (a bug rather than bad input).
    #[error("drawing the chart failed: {0}")]
    Drawing(String),
}

/// Checks a value is on the scale (allowing rounding noise) and clamps it into 0–4.
pub(crate) fn check_value(
    value: Option<f64>,
    context: impl Fn() -> String,
) -> Result<Option<f64>, ChartError> {
    const EPS: f64 = 1e-9;
    match value {
        None => Ok(None),
        Some(v) if v.is_finite() && (-EPS..=SCALE_MAX + EPS).contains(&v) => {
            Ok(Some(v.clamp(0.0, SCALE_MAX)))
        }
        Some(v) => Err(ChartError::InvalidValue {
            context: context(),
            value: v,
        }),
    }
}

/// Checks every series has `expected` valid values; returns the clamped values.
pub(crate) fn check_series(
    series: &[Series],
    expected: usize,
) -> Result<Vec<Vec<Option<f64>>>, ChartError> {
    series
        .iter()
        .map(|s| {
            if s.values.len() != expected {
                return Err(ChartError::MismatchedLengths {
                    series: s.label.clone(),
                    expected,
                    got: s.values.len(),
                });
            }
            s.values
                .iter()
                .enumerate()
                .map(|(i, v)| check_value(*v, || format!("series {:?}, value {}", s.label, i + 1)))
                .collect()
        })
        .collect()
}
