//! Charts drawn once per distinct input: a report's charts change only when its figures do,
//! and drawing them was about a tenth of serving the page.
//!
//! The key is everything the chart shows, written out in full (never a hash of it), so two
//! different inputs can never share a drawing, whichever organisation asks. Nothing here is
//! state a server needs: a second instance, or this one after a restart, draws again.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Drawings kept at most (a report's chart is about 15 KB); past it the memo starts over.
const MOST_KEPT: usize = 256;

static DRAWN: LazyLock<Mutex<HashMap<String, Arc<str>>>> = LazyLock::new(Default::default);

/// The chart `draw` makes from `input` (the chart's kind and all its inputs, spelled out):
/// drawn now, or the same drawing as the last time this input was drawn.
pub fn drawn<E>(input: String, draw: impl FnOnce() -> Result<String, E>) -> Result<String, E> {
    // A poisoned lock only means another request panicked mid-insert; the map is still whole.
    let kept = DRAWN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(&input)
        .cloned();
    if let Some(svg) = kept {
        return Ok(svg.to_string());
    }
    let svg = draw()?;
    let mut drawn = DRAWN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if drawn.len() >= MOST_KEPT {
        drawn.clear();
    }
    drawn.insert(input, Arc::from(svg.as_str()));
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::drawn;

    #[test]
    fn the_same_input_is_drawn_once_and_another_input_again() {
        let mut draws = 0;
        let mut draw = |input: &str| {
            drawn::<()>(input.to_owned(), || {
                draws += 1;
                Ok(format!("<svg>{input}</svg>"))
            })
        };
        assert_eq!(
            draw("drawn-charts-test a"),
            Ok("<svg>drawn-charts-test a</svg>".into())
        );
        assert_eq!(
            draw("drawn-charts-test a"),
            Ok("<svg>drawn-charts-test a</svg>".into())
        );
        assert_eq!(
            draw("drawn-charts-test b"),
            Ok("<svg>drawn-charts-test b</svg>".into())
        );
        assert_eq!(draws, 2);
    }

    #[test]
    fn a_failed_drawing_is_not_kept() {
        assert_eq!(
            drawn("drawn-charts-test fails".into(), || Err("no")),
            Err("no")
        );
        assert_eq!(
            drawn::<&str>("drawn-charts-test fails".into(), || Ok("<svg/>".into())),
            Ok("<svg/>".into())
        );
    }
}
