//! Rendering tests: every chart is well-formed XML with an accessible root, and the parts
//! a test can count (axes, bars, bands, markers) are there exactly once each.

use std::path::PathBuf;

use quickscan_charts::{
    bar_chart, bar_chart_with, line_chart, radar_chart, BarOptions, BarRow, ChartError, Series,
};
use roxmltree::{Document, Node};

const DIMENSIONS: [&str; 10] = [
    "Integriteitsbeleid en visie",
    "Leiderschap en voorbeeldgedrag",
    "Risicoanalyse en kwetsbare functies",
    "Deontologische code en regels",
    "Meldkanalen, vertrouwenspersonen en klokkenluidersbescherming",
    "Onderzoek en sanctionering van integriteitsschendingen",
    "Opleiding, sensibilisering en dilemmatrainingen",
    "Belangenconflicten, geschenken en nevenactiviteiten",
    "Monitoring, rapportering en evaluatie",
    "Externe partners, subsidies en overheidsopdrachten",
];

fn axes() -> Vec<String> {
    DIMENSIONS.iter().map(|s| s.to_string()).collect()
}

fn some(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().copied().map(Some).collect()
}

/// Parses the SVG (proving it is well-formed) and checks the accessible root.
fn check_root<'a>(svg: &'a str, title: &str, description: &str) -> Document<'a> {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("role"), Some("img"));
    let view_box = root.attribute("viewBox").expect("viewBox");
    let w = root.attribute("width").expect("width");
    let h = root.attribute("height").expect("height");
    assert_eq!(view_box, format!("0 0 {w} {h}"));

    let children: Vec<Node> = root.children().filter(Node::is_element).collect();
    let (t, d) = (children[0], children[1]);
    assert_eq!(t.tag_name().name(), "title");
    assert_eq!(d.tag_name().name(), "desc");
    assert_eq!(t.text(), Some(title));
    assert_eq!(d.text(), Some(description));
    let ids: Vec<&str> = root
        .attribute("aria-labelledby")
        .expect("aria-labelledby")
        .split(' ')
        .collect();
    assert_eq!(
        ids,
        vec![t.attribute("id").unwrap(), d.attribute("id").unwrap()]
    );
    doc
}

/// Elements whose class list contains `class`.
fn with_class<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .collect()
}

/// All visible text of the chart (title and desc excluded), one string per <text>.
fn texts(doc: &Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == "text")
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect()
}

fn examples_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("chart-examples")
}

fn sample_radar() -> String {
    radar_chart(
        "Maturiteit per dimensie",
        "Radardiagram met de score van uw organisatie en de mediaan van de vergelijkingsgroep per dimensie, op een schaal van 0 tot 4.",
        &axes(),
        &[
            Series::new("Uw organisatie", some(&[3.2, 2.5, 1.8, 3.6, 2.0, 1.2, 2.8, 3.0, 1.5, 2.2])),
            Series::new(
                "Mediaan vergelijkingsgroep (centrumsteden)",
                vec![Some(2.5), Some(2.0), Some(2.2), None, Some(2.6), Some(1.8), Some(2.4), Some(2.5), Some(2.0), Some(1.9)],
            ),
            Series::new("Vorige ronde", some(&[2.0, 2.0, 1.0, 3.0, 1.5, 1.0, 2.0, 2.5, 1.0, 2.0])),
        ],
    )
    .unwrap()
}

fn sample_rows() -> Vec<BarRow> {
    DIMENSIONS
        .iter()
        .enumerate()
        .map(|(i, d)| BarRow {
            label: d.to_string(),
            value: if i == 5 {
                None
            } else {
                Some([3.2, 2.5, 1.8, 3.6, 2.0, 1.0, 2.8, 4.0, 0.0, 2.25][i])
            },
            band: if i == 8 {
                None
            } else {
                Some((1.5 + i as f64 * 0.1, 2.75 + i as f64 * 0.05))
            },
            marker: if i == 8 {
                None
            } else {
                Some(2.0 + i as f64 * 0.1)
            },
        })
        .collect()
}

#[test]
fn radar_has_one_axis_per_dimension_and_a_title() {
    let svg = sample_radar();
    let doc = check_root(
        &svg,
        "Maturiteit per dimensie",
        "Radardiagram met de score van uw organisatie en de mediaan van de vergelijkingsgroep per dimensie, op een schaal van 0 tot 4.",
    );
    assert_eq!(with_class(&doc, "axis").len(), 10);
    assert_eq!(with_class(&doc, "ring").len(), 4);
    // Each axis has a label (possibly several lines); every word of every name that fits
    // is present, and nothing got lost but for a possible ellipsis.
    let labels: String = with_class(&doc, "axis-label")
        .iter()
        .map(|n| n.text().unwrap().trim().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    for d in DIMENSIONS {
        let first_word = d.split(' ').next().unwrap();
        assert!(
            labels.contains(first_word),
            "{first_word} missing in {labels}"
        );
    }
    assert!(labels.contains("klokkenluidersbescherming"));
    // Three series, each in the legend, with distinct dash patterns.
    let legend = with_class(&doc, "legend-line");
    assert_eq!(legend.len(), 3);
    let dashes: Vec<Option<&str>> = legend
        .iter()
        .map(|n| n.attribute("stroke-dasharray"))
        .collect();
    assert_eq!(dashes.len(), 3);
    assert!(dashes[0] != dashes[1] && dashes[1] != dashes[2] && dashes[0] != dashes[2]);
    let strokes: Vec<&str> = legend
        .iter()
        .map(|n| n.attribute("stroke").unwrap())
        .collect();
    assert!(strokes[0] != strokes[1] && strokes[1] != strokes[2]);
    assert!(texts(&doc).iter().any(|t| t == "Uw organisatie"));
    // The complete series is one closed outline with a fill; the one with a gap has neither.
    assert_eq!(
        with_class(&doc, "series-0")
            .iter()
            .filter(|n| n.has_class("series"))
            .count(),
        1
    );
    assert_eq!(with_class(&doc, "series-area").len(), 2);
    // 10 + 9 + 10 points, plus one in each legend row.
    assert_eq!(with_class(&doc, "point").len(), 29 + 3);
}

trait HasClass {
    fn has_class(&self, class: &str) -> bool;
}

impl HasClass for Node<'_, '_> {
    fn has_class(&self, class: &str) -> bool {
        self.attribute("class")
            .is_some_and(|c| c.split(' ').any(|c| c == class))
    }
}

#[test]
fn hostile_labels_are_escaped() {
    let evil = r#"<script>alert("x")</script> A & B <C> 'q'"#;
    let title = r#"Titel & "quotes" <b>"#;
    let axes = vec![
        evil.to_string(),
        "Tweede".into(),
        "Derde\u{0}met controle".into(),
    ];
    let radar = radar_chart(
        title,
        evil,
        &axes,
        &[Series::new(evil, some(&[1.0, 2.0, 3.0]))],
    )
    .unwrap();
    let bar = bar_chart(
        title,
        evil,
        &[BarRow {
            label: evil.into(),
            value: Some(1.0),
            band: None,
            marker: None,
        }],
    )
    .unwrap();
    let line = line_chart(
        title,
        evil,
        &[evil.to_string()],
        &[Series::new(evil, vec![Some(2.0)])],
    )
    .unwrap();
    for svg in [&radar, &bar, &line] {
        assert!(!svg.contains("<script"), "unescaped script in\n{svg}");
        assert!(!svg.contains("<C>") && !svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("A &amp; B"));
        let doc = check_root(svg, title, evil);
        assert!(doc.descendants().all(|n| n.tag_name().name() != "script"));
        // The label survives, as text, somewhere (possibly wrapped or shortened).
        assert!(
            texts(&doc)
                .iter()
                .any(|t| t.contains("&") || t.contains("<script")),
            "{svg}"
        );
    }
    let doc = Document::parse(&radar).unwrap();
    assert!(texts(&doc).iter().any(|t| t == "Derde met controle"));
}

#[test]
fn missing_values_do_not_panic() {
    let none = vec![None; 10];
    let svg = radar_chart(
        "Leeg",
        "Geen gegevens",
        &axes(),
        &[Series::new("Niets", none.clone())],
    )
    .unwrap();
    let doc = check_root(&svg, "Leeg", "Geen gegevens");
    assert_eq!(with_class(&doc, "axis").len(), 10);
    assert!(with_class(&doc, "series").is_empty());

    let lone = vec![None, Some(2.0), None];
    let svg = radar_chart("Eén", "Eén waarde", &axes()[..3], &[Series::new("x", lone)]).unwrap();
    let doc = check_root(&svg, "Eén", "Eén waarde");
    assert!(with_class(&doc, "series").is_empty());
    assert_eq!(with_class(&doc, "point").len(), 2); // the value and the legend

    let rounds: Vec<String> = ["2024", "2025", "2026"].map(String::from).to_vec();
    let svg = line_chart(
        "t",
        "d",
        &rounds,
        &[Series::new("a", vec![None, None, None])],
    )
    .unwrap();
    check_root(&svg, "t", "d");
    let svg = bar_chart(
        "t",
        "d",
        &[BarRow {
            label: "a".into(),
            value: None,
            band: None,
            marker: None,
        }],
    )
    .unwrap();
    let doc = check_root(&svg, "t", "d");
    assert!(with_class(&doc, "bar").is_empty());
    assert!(texts(&doc).iter().any(|t| t == "–"));

    // No series at all is fine too.
    let svg = radar_chart("t", "d", &axes(), &[]).unwrap();
    check_root(&svg, "t", "d");
}

#[test]
fn wrong_inputs_give_errors() {
    let err =
        radar_chart("t", "d", &axes(), &[Series::new("kort", some(&[1.0, 2.0]))]).unwrap_err();
    assert!(
        matches!(&err, ChartError::MismatchedLengths { series, expected: 10, got: 2 } if series == "kort"),
        "{err:?}"
    );
    let err = line_chart(
        "t",
        "d",
        &axes()[..2],
        &[Series::new("lang", some(&[1.0, 2.0, 3.0]))],
    )
    .unwrap_err();
    assert!(matches!(
        err,
        ChartError::MismatchedLengths {
            expected: 2,
            got: 3,
            ..
        }
    ));
    assert!(matches!(
        radar_chart("t", "d", &[], &[]),
        Err(ChartError::NoAxes)
    ));
    assert!(matches!(
        radar_chart("t", "d", &axes()[..2], &[]),
        Err(ChartError::TooFewAxes { got: 2 })
    ));
    assert!(matches!(
        line_chart("t", "d", &[], &[]),
        Err(ChartError::NoAxes)
    ));
    assert!(matches!(bar_chart("t", "d", &[]), Err(ChartError::NoAxes)));

    for bad in [f64::NAN, f64::INFINITY, -0.5, 4.5] {
        let err = radar_chart(
            "t",
            "d",
            &axes()[..3],
            &[Series::new("s", vec![Some(1.0), Some(bad), None])],
        )
        .unwrap_err();
        assert!(
            matches!(err, ChartError::InvalidValue { .. }),
            "{bad}: {err:?}"
        );
        let row = BarRow {
            label: "r".into(),
            value: Some(1.0),
            band: Some((1.0, bad)),
            marker: None,
        };
        assert!(matches!(
            bar_chart("t", "d", &[row]),
            Err(ChartError::InvalidValue { .. })
        ));
    }
    // Rounding noise at the ends of the scale is accepted.
    radar_chart(
        "t",
        "d",
        &axes()[..3],
        &[Series::new("s", some(&[4.0 + 1e-12, -1e-12, 2.0]))],
    )
    .unwrap();
    // Errors read well.
    assert_eq!(
        ChartError::MismatchedLengths {
            series: "x".into(),
            expected: 3,
            got: 2
        }
        .to_string(),
        "series \"x\" has 2 values, expected 3"
    );
}

#[test]
fn bar_chart_has_one_bar_per_row() {
    let rows = sample_rows();
    let svg = bar_chart("Score per dimensie", "Staafdiagram per dimensie.", &rows).unwrap();
    let doc = check_root(&svg, "Score per dimensie", "Staafdiagram per dimensie.");
    let with_value = rows.iter().filter(|r| r.value.is_some()).count();
    assert_eq!(with_class(&doc, "bar").len(), with_value);
    assert_eq!(with_class(&doc, "band").len(), 9 + 1); // 9 rows + legend
    assert_eq!(with_class(&doc, "marker").len(), 9 + 1);
    assert_eq!(with_class(&doc, "value-label").len(), rows.len());
    let all = texts(&doc);
    for expected in [
        "3,2",
        "0,0",
        "4,0",
        "2,3",
        "–",
        "Mediaan van de vergelijkingsgroep",
    ] {
        assert!(
            all.iter().any(|t| t == expected),
            "{expected} missing in {all:?}"
        );
    }
    // Bars grow with the value: 4.0 spans the full scale, 0.0 has no width.
    let widths: Vec<i32> = with_class(&doc, "bar")
        .iter()
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect();
    assert_eq!(widths.iter().max(), Some(&380));

    // Other languages: legend texts and decimal point from the options.
    let en = BarOptions {
        value_legend: "Your organisation".into(),
        band_legend: "Middle half of the peer group".into(),
        marker_legend: "Peer median".into(),
        decimal_comma: false,
    };
    let svg = bar_chart_with("Score", "Bar chart.", &rows, &en).unwrap();
    let doc = check_root(&svg, "Score", "Bar chart.");
    let all = texts(&doc);
    assert!(all.iter().any(|t| t == "3.2"));
    assert!(all.iter().any(|t| t == "Peer median"));

    // Without bands or markers there is no legend.
    let plain: Vec<BarRow> = rows
        .iter()
        .map(|r| BarRow {
            band: None,
            marker: None,
            ..r.clone()
        })
        .collect();
    let svg = bar_chart("t", "d", &plain).unwrap();
    let doc = check_root(&svg, "t", "d");
    assert!(with_class(&doc, "legend-label").is_empty());
}

/// The texts of the legend's entries, top to bottom.
fn legend_labels(doc: &Document) -> Vec<String> {
    with_class(doc, "legend-label")
        .iter()
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect()
}

#[test]
fn the_peer_comparison_legend_names_the_quartile_band_it_draws() {
    // The rows carry the peer group's first to third quartile as the band and its median as
    // the marker; the legend must say so (not "lowest to highest respondent"), in full.
    let rows = sample_rows();
    use quickscan_domain::Lang;
    let cases = [
        (
            Lang::Nl,
            [
                "Gemiddelde van uw bestuur",
                "Middelste helft van de vergelijkingsgroep (1e–3e kwartiel)",
                "Mediaan van de vergelijkingsgroep",
            ],
            "3,2",
        ),
        (
            Lang::En,
            [
                "Your organisation's mean",
                "Middle half of the peer group (1st–3rd quartile)",
                "Median of the peer group",
            ],
            "3.2",
        ),
        (
            Lang::Fr,
            [
                "Moyenne de votre administration",
                "Moitié centrale du groupe de comparaison (1er–3e quartile)",
                "Médiane du groupe de comparaison",
            ],
            "3,2",
        ),
    ];
    for (lang, expected, value) in cases {
        // The report's legend, from the one home of interface texts.
        let report = &lang.texts().report;
        let options = BarOptions {
            value_legend: report.bar_value_legend.into(),
            band_legend: report.bar_band_legend.into(),
            marker_legend: report.bar_marker_legend.into(),
            decimal_comma: lang.texts().common.decimal_comma,
        };
        assert_eq!(options.band_legend, expected[1]);
        let svg = bar_chart_with("t", "d", &rows, &options).unwrap();
        let doc = check_root(&svg, "t", "d");
        assert_eq!(legend_labels(&doc), expected, "{lang:?}");
        assert!(texts(&doc).iter().any(|t| t == value), "{lang:?}");
        for label in legend_labels(&doc) {
            assert!(!label.contains("respond"), "{label}");
        }
        // The band entry sits in the legend exactly when a band is drawn.
        let no_band: Vec<BarRow> = rows
            .iter()
            .map(|r| BarRow {
                band: None,
                ..r.clone()
            })
            .collect();
        let svg = bar_chart_with("t", "d", &no_band, &options).unwrap();
        let doc = check_root(&svg, "t", "d");
        assert_eq!(legend_labels(&doc), [expected[0], expected[2]], "{lang:?}");
        assert_eq!(with_class(&doc, "band").len(), 0);
    }
}

#[test]
fn line_chart_draws_series_with_gaps() {
    let rounds: Vec<String> = [
        "Voorjaar 2024",
        "Najaar 2024",
        "Voorjaar 2025",
        "Najaar 2025",
    ]
    .map(String::from)
    .to_vec();
    let svg = line_chart(
        "Evolutie",
        "Lijndiagram van de totaalscore per ronde.",
        &rounds,
        &[
            Series::new("Totaal", some(&[1.5, 2.0, 2.4, 2.9])),
            Series::new("Meldkanalen", vec![Some(1.0), None, Some(2.0), Some(3.0)]),
        ],
    )
    .unwrap();
    let doc = check_root(
        &svg,
        "Evolutie",
        "Lijndiagram van de totaalscore per ronde.",
    );
    let lines: Vec<Node> = with_class(&doc, "series");
    assert_eq!(lines.len(), 2); // the full line, and the second after its gap
    assert_eq!(with_class(&doc, "x-label").len(), 4);
    assert_eq!(with_class(&doc, "point").len(), 4 + 3 + 2);
}

#[test]
fn ids_are_stable_and_distinct() {
    let a = sample_radar();
    assert_eq!(a, sample_radar(), "same input, same output");
    let b = radar_chart("Andere titel", "d", &axes(), &[]).unwrap();
    let id = |svg: &str| {
        let doc = Document::parse(svg).unwrap();
        let v = doc
            .root_element()
            .attribute("aria-labelledby")
            .unwrap()
            .to_string();
        v
    };
    assert_ne!(id(&a), id(&b));
    let bar = bar_chart("Maturiteit per dimensie", "d", &sample_rows()).unwrap();
    assert_ne!(id(&a), id(&bar));
}

#[test]
fn write_examples() {
    let dir = examples_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let rounds: Vec<String> = [
        "Voorjaar 2024",
        "Najaar 2024",
        "Voorjaar 2025",
        "Najaar 2025",
        "Voorjaar 2026",
    ]
    .map(String::from)
    .to_vec();
    let line = line_chart(
        "Evolutie over de rondes",
        "Lijndiagram van de totaalscore en drie dimensies over vijf rondes, op een schaal van 0 tot 4.",
        &rounds,
        &[
            Series::new("Totaalscore", some(&[1.5, 1.9, 2.4, 2.6, 2.9])),
            Series::new(DIMENSIONS[4], vec![Some(1.0), None, Some(2.0), Some(2.5), Some(3.0)]),
            Series::new(DIMENSIONS[1], some(&[2.0, 2.2, 2.2, 2.8, 3.4])),
            Series::new(DIMENSIONS[8], some(&[0.5, 1.0, 1.5, 1.5, 2.0])),
        ],
    )
    .unwrap();
    let bar = bar_chart("Score per dimensie", "Staafdiagram van de score per dimensie met de middelste helft en de mediaan van de vergelijkingsgroep.", &sample_rows()).unwrap();
    // Other axis counts, to check the label layout by eye.
    let long: Vec<String> = DIMENSIONS
        .iter()
        .chain(DIMENSIONS[..2].iter())
        .map(|d| format!("{d} en nog wat meer tekst"))
        .collect();
    let radar_12 = radar_chart(
        "12 assen",
        "Twaalf lange namen.",
        &long,
        &[Series::new("a", vec![Some(4.0); 12])],
    )
    .unwrap();
    let radar_5 = radar_chart(
        "5 assen",
        "Vijf lange namen.",
        &long[..5],
        &[Series::new("a", vec![Some(2.0); 5])],
    )
    .unwrap();
    let radar_4 = radar_chart(
        "4 assen",
        "Vier lange namen.",
        &long[..4],
        &[Series::new("a", vec![Some(2.0); 4])],
    )
    .unwrap();
    for (name, svg) in [
        ("radar", sample_radar()),
        ("bar", bar),
        ("line", line),
        ("radar-12", radar_12),
        ("radar-5", radar_5),
        ("radar-4", radar_4),
    ] {
        std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
    }
}
