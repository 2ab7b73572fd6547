//! What a report concludes from an organisation's aggregate, in one place so that the report
//! page and the exports say the same: the order in which dimensions need attention, and the
//! organisation's balance over the three pillars of an integrity policy.
//!
//! Both rest only on dimension means that are shown (they met the respondent threshold), so
//! they reveal nothing the figures themselves do not.

use serde::{Deserialize, Serialize};

use crate::{MaturityModel, OrganisationAggregate, Pillar};

/// The positions of the aggregate's dimensions in order of need: shown dimensions lowest
/// mean first, then those without figures; ties keep model order.
pub fn dimensions_by_need(aggregate: &OrganisationAggregate) -> Vec<usize> {
    let mut order: Vec<usize> = (0..aggregate.dimensions.len()).collect();
    let need = |index: usize| aggregate.dimensions[index].mean.unwrap_or(f64::INFINITY);
    // A stable sort keeps model order among equal means and among the unshown.
    order.sort_by(|&a, &b| need(a).total_cmp(&need(b)));
    order
}

/// Where an organisation stands on one pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PillarBalance {
    /// The pillar.
    pub pillar: Pillar,
    /// The mean of the shown dimension means serving it; `None` when none is shown.
    pub mean: Option<f64>,
    /// How many dimensions serving it have figures (and so count in the mean).
    pub counted: usize,
    /// How many dimensions of the model serve it.
    pub serving: usize,
}

/// The organisation's balance over the pillars the model's dimensions serve, in
/// [`Pillar::ALL`] order (a pillar no dimension serves is left out).
///
/// A dimension serving two pillars counts in both, with its full mean: a pillar's figure says
/// how mature the practices are that carry it, not how much of the policy it is. A dimension
/// without figures counts in neither, and `counted` against `serving` says what is covered.
pub fn pillar_balance(
    model: &MaturityModel,
    aggregate: &OrganisationAggregate,
) -> Vec<PillarBalance> {
    Pillar::ALL
        .into_iter()
        .filter_map(|pillar| {
            let serving: Vec<Option<f64>> = model
                .dimensions
                .iter()
                .filter(|dimension| dimension.pillars.contains(&pillar))
                .map(|dimension| {
                    aggregate
                        .dimensions
                        .iter()
                        .find(|figures| figures.dimension_id == dimension.id)
                        .and_then(|figures| figures.mean)
                })
                .collect();
            if serving.is_empty() {
                return None;
            }
            let means: Vec<f64> = serving.iter().flatten().copied().collect();
            Some(PillarBalance {
                pillar,
                mean: (!means.is_empty()).then(|| means.iter().sum::<f64>() / means.len() as f64),
                counted: means.len(),
                serving: serving.len(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_model, tests::model_source};
    use crate::DimensionAggregate;
    use proptest::prelude::*;

    fn figures(id: &str, mean: Option<f64>) -> DimensionAggregate {
        DimensionAggregate {
            dimension_id: id.to_owned(),
            respondents: if mean.is_some() { 5 } else { 2 },
            mean,
            median: mean,
            std_dev: mean.map(|_| 0.4),
            consensus: None,
            answered: 0,
            dont_know_share: None,
        }
    }

    fn aggregate_of(means: &[Option<f64>]) -> OrganisationAggregate {
        OrganisationAggregate {
            model_id: "test-model".to_owned(),
            threshold: None,
            respondents: 5,
            dimensions: means
                .iter()
                .enumerate()
                .map(|(i, mean)| figures(&format!("d{}", i + 1), *mean))
                .collect(),
            groups: Vec::new(),
            overall: None,
            statements: Vec::new(),
        }
    }

    /// A model of four dimensions: d1 prevention, d2 detection, d3 prevention and reaction,
    /// d4 reaction.
    fn pillared_model() -> MaturityModel {
        let source = model_source(4, 4)
            .replacen(
                "id = \"d2\"\npillars = [\"prevention\"]",
                "id = \"d2\"\npillars = [\"detection\"]",
                1,
            )
            .replacen(
                "id = \"d3\"\npillars = [\"prevention\"]",
                "id = \"d3\"\npillars = [\"prevention\", \"reaction\"]",
                1,
            )
            .replacen(
                "id = \"d4\"\npillars = [\"prevention\"]",
                "id = \"d4\"\npillars = [\"reaction\"]",
                1,
            );
        parse_model("t.toml", &source).unwrap()
    }

    #[test]
    fn dimensions_needing_most_come_first_and_unshown_ones_last() {
        let aggregate = aggregate_of(&[Some(2.5), None, Some(1.0), Some(2.5), Some(3.2), None]);
        // d3 (1.0), then d1 and d4 tied at 2.5 in model order, d5 (3.2), then d2 and d6.
        assert_eq!(dimensions_by_need(&aggregate), vec![2, 0, 3, 4, 1, 5]);
    }

    #[test]
    fn the_pillar_balance_hand_checked() {
        let model = pillared_model();
        // d1 2.0, d2 unshown, d3 3.0, d4 1.5.
        let balance = pillar_balance(
            &model,
            &aggregate_of(&[Some(2.0), None, Some(3.0), Some(1.5)]),
        );
        assert_eq!(
            balance,
            vec![
                // (2.0 + 3.0) / 2
                PillarBalance {
                    pillar: Pillar::Prevention,
                    mean: Some(2.5),
                    counted: 2,
                    serving: 2
                },
                // Only d2 serves detection, and it has no figures.
                PillarBalance {
                    pillar: Pillar::Detection,
                    mean: None,
                    counted: 0,
                    serving: 1
                },
                // (3.0 + 1.5) / 2
                PillarBalance {
                    pillar: Pillar::Reaction,
                    mean: Some(2.25),
                    counted: 2,
                    serving: 2
                },
            ]
        );
    }

    #[test]
    fn a_pillar_no_dimension_serves_is_left_out() {
        // model_source gives every dimension the prevention pillar only.
        let model = parse_model("t.toml", &model_source(3, 4)).unwrap();
        let balance = pillar_balance(&model, &aggregate_of(&[Some(1.0), Some(2.0), Some(4.0)]));
        assert_eq!(balance.len(), 1);
        assert_eq!(balance[0].pillar, Pillar::Prevention);
        assert!(balance[0]
            .mean
            .is_some_and(|m| (m - 7.0 / 3.0).abs() < 1e-12));
        assert_eq!((balance[0].counted, balance[0].serving), (3, 3));
    }

    proptest! {
        #[test]
        fn the_order_of_need_is_a_permutation_rising_in_mean(
            means in prop::collection::vec(prop::option::of(0.0f64..=4.0), 0..12)
        ) {
            let aggregate = aggregate_of(&means);
            let order = dimensions_by_need(&aggregate);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (0..means.len()).collect::<Vec<_>>());
            for pair in order.windows(2) {
                let need = |i: usize| means[i].unwrap_or(f64::INFINITY);
                prop_assert!(need(pair[0]) < need(pair[1]) || (need(pair[0]) == need(pair[1]) && pair[0] < pair[1]));
            }
        }

        #[test]
        fn a_pillar_mean_lies_within_the_means_it_counts(
            means in prop::collection::vec(prop::option::of(0.0f64..=4.0), 4)
        ) {
            let balance = pillar_balance(&pillared_model(), &aggregate_of(&means));
            let shown: Vec<f64> = means.iter().flatten().copied().collect();
            for pillar in balance {
                prop_assert!(pillar.counted <= pillar.serving);
                prop_assert_eq!(pillar.mean.is_some(), pillar.counted > 0);
                if let Some(mean) = pillar.mean {
                    let low = shown.iter().copied().fold(f64::INFINITY, f64::min);
                    let high = shown.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    prop_assert!(mean >= low - 1e-12 && mean <= high + 1e-12);
                }
            }
        }
    }
}
