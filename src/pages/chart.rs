//! Charts drawn on the server as SVG: horizontal bars (agencies, categories,
//! ratings), columns and a line for months. No JavaScript: the browser
//! shows the picture as it arrives. Each chart carries its text alternative
//! (`role="img"`, `<title>`, `<desc>`, and a visible summary), and the pages
//! put the data table next to it.
//!
//! The SVG is built as a string (every text escaped here), so its geometry
//! is plain arithmetic that unit tests can check.

use std::fmt::Write;

use leptos::prelude::*;

use crate::domain::report::format_decimal;

/// What a chart draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// One horizontal bar per item, its label above it (fits a phone).
    Bars,
    /// One column per period.
    Columns,
    /// A line through the periods; periods without a value leave a gap.
    Line,
}

/// One item or period.
#[derive(Debug, Clone, PartialEq)]
pub struct Datum {
    pub label: String,
    /// `None`: no value for this item (e.g. no answer that month).
    pub value: Option<f64>,
    /// The value as the page writes it ("94,2 %", "1.234").
    pub text: String,
    /// A CSS class for this item's bar (e.g. one colour per rating).
    pub class: Option<&'static str>,
}

impl Datum {
    pub fn new(label: impl Into<String>, value: Option<f64>, text: impl Into<String>) -> Self {
        Datum {
            label: label.into(),
            value: value.filter(|v| v.is_finite()),
            text: text.into(),
            class: None,
        }
    }

    pub fn with_class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }
}

/// A chart: an id (ASCII, unique on the page), a title, the data, and the
/// top of the scale (`None`: from the data).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub kind: ChartKind,
    pub data: Vec<Datum>,
    pub max: Option<f64>,
    /// Written after the axis figures, e.g. `" %"`.
    pub unit: &'static str,
}

/// The viewBox width: close to a phone's width, so text stays readable
/// there; CSS caps the width on a desktop.
pub const WIDTH: f64 = 360.0;
const BAR_ROW: f64 = 42.0;
const BAR_TOP: f64 = 21.0;
const BAR_HEIGHT: f64 = 14.0;
const VALUE_SPACE: f64 = 84.0;
const PLOT_HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 34.0;
const LABEL_CHARS: usize = 42;

impl Chart {
    pub fn new(id: impl Into<String>, title: impl Into<String>, kind: ChartKind, data: Vec<Datum>) -> Self {
        Chart {
            id: id.into(),
            title: title.into(),
            kind,
            data,
            max: None,
            unit: "",
        }
    }

    pub fn with_max(mut self, max: f64) -> Self {
        self.max = Some(max);
        self
    }

    pub fn with_unit(mut self, unit: &'static str) -> Self {
        self.unit = unit;
        self
    }

    /// The top of the scale: the given maximum, or the largest value
    /// rounded up to a round number; never zero or negative.
    pub fn scale_max(&self) -> f64 {
        let largest = self.data.iter().filter_map(|d| d.value).fold(0.0_f64, f64::max);
        match self.max.filter(|m| m.is_finite() && *m > 0.0) {
            Some(max) => max.max(largest),
            None if largest <= 0.0 => 1.0,
            None if self.kind == ChartKind::Bars => largest,
            None => nice_ceiling(largest),
        }
    }

    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.data.iter().all(|d| d.value.is_none())
    }

    /// The chart in words: how many items, the highest and the lowest (and
    /// for months the first and last period).
    pub fn summary(&self) -> String {
        let valued: Vec<&Datum> = self.data.iter().filter(|d| d.value.is_some()).collect();
        let value = |d: &Datum| d.value.unwrap_or(0.0);
        let (Some(high), Some(low)) = (
            valued
                .iter()
                .copied()
                .reduce(|a, b| if value(b) > value(a) { b } else { a }),
            valued
                .iter()
                .copied()
                .reduce(|a, b| if value(b) < value(a) { b } else { a }),
        ) else {
            return "Chưa có dữ liệu.".to_owned();
        };
        let mut out = match self.kind {
            ChartKind::Bars => format!("{} mục.", self.data.len()),
            _ => match (self.data.first(), self.data.last()) {
                (Some(first), Some(last)) if self.data.len() > 1 => {
                    format!("{} kỳ, từ {} đến {}.", self.data.len(), first.label, last.label)
                }
                _ => "1 kỳ.".to_owned(),
            },
        };
        if valued.len() == 1 {
            let _ = write!(out, " {}: {}.", high.label, high.text);
        } else if value(high) == value(low) {
            let _ = write!(out, " Tất cả đều bằng {}.", high.text);
        } else {
            let _ = write!(
                out,
                " Cao nhất: {} ({}). Thấp nhất: {} ({}).",
                high.label, high.text, low.label, low.text
            );
        }
        out
    }

    /// The SVG document, or `None` when there is no data.
    pub fn svg(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let height = self.height();
        let mut out = String::with_capacity(512 + self.data.len() * 256);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg chart-{kind}" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>"#,
            kind = self.kind_name(),
            id = escape(&self.id),
            title = escape(&self.title),
            desc = escape(&self.summary()),
        );
        match self.kind {
            ChartKind::Bars => self.draw_bars(&mut out),
            ChartKind::Columns | ChartKind::Line => self.draw_periods(&mut out, height),
        }
        out.push_str("</svg>");
        Some(out)
    }

    fn kind_name(&self) -> &'static str {
        match self.kind {
            ChartKind::Bars => "bars",
            ChartKind::Columns => "columns",
            ChartKind::Line => "line",
        }
    }

    /// The viewBox height.
    pub fn height(&self) -> f64 {
        match self.kind {
            ChartKind::Bars => self.data.len() as f64 * BAR_ROW + 4.0,
            _ => PLOT_HEIGHT,
        }
    }

    /// The bars' rectangles as (x, y, width, height), one per item with a value.
    pub fn bar_boxes(&self) -> Vec<(f64, f64, f64, f64)> {
        let max = self.scale_max();
        let room = WIDTH - VALUE_SPACE;
        self.data
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let value = d.value?.max(0.0);
                let y = i as f64 * BAR_ROW + BAR_TOP;
                Some((0.0, y, (value / max * room).min(room), BAR_HEIGHT))
            })
            .collect()
    }

    fn draw_bars(&self, out: &mut String) {
        let boxes = self.bar_boxes();
        let mut boxes = boxes.iter();
        for (i, d) in self.data.iter().enumerate() {
            let top = i as f64 * BAR_ROW;
            let _ = write!(
                out,
                r#"<g><title>{label}: {text}</title><text class="chart-label" x="0" y="{y}">{short}</text>"#,
                label = escape(&d.label),
                text = escape(&d.text),
                y = fmt(top + 15.0),
                short = escape(&shorten(&d.label, LABEL_CHARS)),
            );
            let end = if d.value.is_some() {
                let (x, y, w, h) = boxes.next().copied().unwrap_or_default();
                let _ = write!(
                    out,
                    r##"<rect class="chart-bar{class}" x="{x}" y="{y}" width="{w}" height="{h}" rx="2" fill="#b91c1c"></rect>"##,
                    class = d.class.map(|c| format!(" {c}")).unwrap_or_default(),
                    x = fmt(x),
                    y = fmt(y),
                    w = fmt(w),
                    h = fmt(h),
                );
                w
            } else {
                0.0
            };
            let _ = write!(
                out,
                r#"<text class="chart-value" x="{x}" y="{y}">{text}</text></g>"#,
                x = fmt(end + 6.0),
                y = fmt(top + BAR_TOP + BAR_HEIGHT - 2.0),
                text = escape(&d.text),
            );
        }
    }

    /// The centre x of period `i` and the width of its slot.
    pub fn slot(&self, i: usize) -> (f64, f64) {
        let slot = (WIDTH - LEFT - RIGHT) / self.data.len().max(1) as f64;
        (LEFT + slot * (i as f64 + 0.5), slot)
    }

    /// The y of value `v` on the plot.
    pub fn y_of(&self, v: f64) -> f64 {
        let plot = PLOT_HEIGHT - TOP - BOTTOM;
        let ratio = (v.max(0.0) / self.scale_max()).min(1.0);
        TOP + plot * (1.0 - ratio)
    }

    fn draw_periods(&self, out: &mut String, height: f64) {
        let max = self.scale_max();
        let base = self.y_of(0.0);
        // Grid lines and their figures: 0, half, top.
        for tick in [0.0, max / 2.0, max] {
            let y = self.y_of(tick);
            let _ = write!(
                out,
                r##"<line class="chart-grid" x1="{LEFT}" x2="{x2}" y1="{y}" y2="{y}" stroke="#d1d5db"></line><text class="chart-tick" x="{tx}" y="{ty}" text-anchor="end">{label}</text>"##,
                x2 = fmt(WIDTH - RIGHT),
                y = fmt(y),
                tx = fmt(LEFT - 4.0),
                ty = fmt(y + 4.0),
                label = escape(&format!("{}{}", tick_text(tick), self.unit)),
            );
        }
        // At most five period labels fit a phone's width.
        let step = self.data.len().div_ceil(5).max(1);
        for (i, d) in self.data.iter().enumerate() {
            let (x, slot) = self.slot(i);
            if i % step == 0 {
                let _ = write!(
                    out,
                    r#"<text class="chart-label" x="{x}" y="{y}" text-anchor="middle">{label}</text>"#,
                    x = fmt(x),
                    y = fmt(height - BOTTOM + 16.0),
                    label = escape(&shorten(&d.label, 12)),
                );
            }
            let Some(value) = d.value else { continue };
            let y = self.y_of(value);
            let tip = format!("<title>{}: {}</title>", escape(&d.label), escape(&d.text));
            match self.kind {
                ChartKind::Columns => {
                    let w = slot * 0.7;
                    let _ = write!(
                        out,
                        r##"<rect class="chart-bar{class}" x="{x}" y="{y}" width="{w}" height="{h}" fill="#b91c1c">{tip}</rect>"##,
                        class = d.class.map(|c| format!(" {c}")).unwrap_or_default(),
                        x = fmt(x - w / 2.0),
                        y = fmt(y),
                        w = fmt(w),
                        h = fmt(base - y),
                    );
                }
                _ => {
                    let _ = write!(
                        out,
                        r##"<circle class="chart-dot" cx="{x}" cy="{y}" r="3.5" fill="#b91c1c">{tip}</circle>"##,
                        x = fmt(x),
                        y = fmt(y),
                    );
                }
            }
        }
        if self.kind == ChartKind::Line {
            for segment in self.line_segments() {
                let points: Vec<String> = segment
                    .iter()
                    .map(|(x, y)| format!("{},{}", fmt(*x), fmt(*y)))
                    .collect();
                let _ = write!(
                    out,
                    r##"<polyline class="chart-path" points="{}" fill="none" stroke="#b91c1c" stroke-width="2"></polyline>"##,
                    points.join(" ")
                );
            }
        }
    }

    /// The line's runs of consecutive periods with a value, as points.
    pub fn line_segments(&self) -> Vec<Vec<(f64, f64)>> {
        let mut segments = Vec::new();
        let mut current = Vec::new();
        for (i, d) in self.data.iter().enumerate() {
            match d.value {
                Some(v) => current.push((self.slot(i).0, self.y_of(v))),
                None if !current.is_empty() => segments.push(std::mem::take(&mut current)),
                None => {}
            }
        }
        if !current.is_empty() {
            segments.push(current);
        }
        segments
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `v` (`v` > 0).
pub fn nice_ceiling(v: f64) -> f64 {
    if !(v.is_finite() && v > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|candidate| *candidate >= v * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

/// An axis figure: whole numbers as such, others with one decimal.
fn tick_text(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format_decimal(v, 0)
    } else {
        format_decimal(v, 1)
    }
}

/// A coordinate with at most one decimal.
fn fmt(v: f64) -> String {
    let v = if v.is_finite() { (v * 10.0).round() / 10.0 } else { 0.0 };
    if v == v.trunc() {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

/// At most `chars` characters, with "…" when cut.
fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(chars.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// Text safe inside SVG elements and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A chart in a `<figure>` with its summary as caption; "Chưa có dữ liệu"
/// when there is nothing to draw.
#[component]
pub fn ChartFigure(chart: Chart) -> impl IntoView {
    let summary = chart.summary();
    let id = format!("{}-hinh", chart.id);
    match chart.svg() {
        Some(svg) => view! {
            <figure class="chart" id=id>
                <div class="chart-box" inner_html=svg></div>
                <figcaption class="muted">{summary}</figcaption>
            </figure>
        }
        .into_any(),
        None => view! {
            <figure class="chart" id=id>
                <p class="empty">"Chưa có dữ liệu"</p>
                <figcaption class="visually-hidden">{chart.title}</figcaption>
            </figure>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(values: &[(&str, Option<f64>)]) -> Vec<Datum> {
        values
            .iter()
            .map(|(label, v)| Datum::new(*label, *v, v.map(|v| format_decimal(v, 1)).unwrap_or("—".into())))
            .collect()
    }

    #[test]
    fn empty_data_draws_nothing() {
        let chart = Chart::new("c", "Trống", ChartKind::Bars, vec![]);
        assert!(chart.is_empty());
        assert_eq!(chart.svg(), None);
        assert_eq!(chart.summary(), "Chưa có dữ liệu.");
        let gaps = Chart::new("c", "Trống", ChartKind::Line, data(&[("1/2026", None)]));
        assert_eq!(gaps.svg(), None);
    }

    #[test]
    fn bars_scale_to_the_largest() {
        let chart = Chart::new(
            "c",
            "Cơ quan",
            ChartKind::Bars,
            data(&[("A", Some(50.0)), ("B", Some(100.0))]),
        );
        let boxes = chart.bar_boxes();
        let room = WIDTH - VALUE_SPACE;
        assert_eq!(boxes.len(), 2);
        assert!((boxes[0].2 - room / 2.0).abs() < 1e-9);
        assert!((boxes[1].2 - room).abs() < 1e-9);
        assert!(boxes[1].1 > boxes[0].1, "one row under the other");
        assert_eq!(chart.height(), 2.0 * BAR_ROW + 4.0);
    }

    #[test]
    fn a_fixed_maximum_caps_the_scale() {
        let chart = Chart::new("c", "Đúng hạn", ChartKind::Bars, data(&[("A", Some(50.0))])).with_max(100.0);
        assert_eq!(chart.scale_max(), 100.0);
        assert!((chart.bar_boxes()[0].2 - (WIDTH - VALUE_SPACE) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn a_single_value_fills_the_width() {
        let chart = Chart::new("c", "Một", ChartKind::Bars, data(&[("Chỉ một", Some(7.0))]));
        assert_eq!(chart.bar_boxes()[0].2, WIDTH - VALUE_SPACE);
        assert_eq!(chart.summary(), "1 mục. Chỉ một: 7,0.");
        let columns = Chart::new("c", "Một", ChartKind::Columns, data(&[("10/2026", Some(7.0))]));
        assert_eq!(columns.summary(), "1 kỳ. 10/2026: 7,0.");
        assert!(columns.svg().is_some());
    }

    #[test]
    fn zero_max_draws_flat_without_nan() {
        for kind in [ChartKind::Bars, ChartKind::Columns, ChartKind::Line] {
            let chart = Chart::new("c", "Không", kind, data(&[("A", Some(0.0)), ("B", Some(0.0))]));
            assert_eq!(chart.scale_max(), 1.0);
            let svg = chart.svg().expect("drawn");
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
            assert!(chart.summary().contains("Tất cả đều bằng 0,0"));
        }
        let bars = Chart::new("c", "Không", ChartKind::Bars, data(&[("A", Some(0.0))]));
        assert_eq!(bars.bar_boxes()[0].2, 0.0);
    }

    #[test]
    fn negative_and_missing_values_do_not_draw_outside() {
        let chart = Chart::new(
            "c",
            "x",
            ChartKind::Bars,
            data(&[("A", Some(-5.0)), ("B", None), ("C", Some(2.0))]),
        );
        let boxes = chart.bar_boxes();
        assert_eq!(boxes.len(), 2);
        assert_eq!(boxes[0].2, 0.0);
    }

    #[test]
    fn columns_stand_on_the_axis() {
        let chart = Chart::new(
            "c",
            "Tháng",
            ChartKind::Columns,
            data(&[("1", Some(30.0)), ("2", Some(60.0))]),
        );
        assert_eq!(chart.scale_max(), 100.0, "rounded up to a round number");
        let base = chart.y_of(0.0);
        assert!((base - (PLOT_HEIGHT - BOTTOM)).abs() < 1e-9);
        assert!((chart.y_of(100.0) - TOP).abs() < 1e-9);
        assert!((chart.y_of(50.0) - (TOP + base) / 2.0).abs() < 1e-9);
        let (x0, slot) = chart.slot(0);
        let (x1, _) = chart.slot(1);
        assert!((x1 - x0 - slot).abs() < 1e-9);
        assert!(x0 > LEFT && x1 < WIDTH - RIGHT);
    }

    #[test]
    fn the_line_breaks_at_missing_periods() {
        let chart = Chart::new(
            "c",
            "Tỷ lệ",
            ChartKind::Line,
            data(&[("1", Some(90.0)), ("2", Some(80.0)), ("3", None), ("4", Some(70.0))]),
        )
        .with_max(100.0);
        let segments = chart.line_segments();
        assert_eq!(segments.len(), 2);
        assert_eq!(segments[0].len(), 2);
        assert_eq!(segments[1].len(), 1);
        let svg = chart.svg().expect("drawn");
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn texts_are_escaped_and_vietnamese_kept() {
        let chart = Chart::new(
            "co-quan",
            "Điểm <Sở> & \"Ban\"",
            ChartKind::Bars,
            vec![Datum::new("Sở Xây dựng <&>", Some(1.0), "94,2 %")],
        );
        let svg = chart.svg().expect("drawn");
        assert!(svg.contains("<title id=\"co-quan-t\">Điểm &lt;Sở&gt; &amp; &quot;Ban&quot;</title>"));
        assert!(svg.contains("Sở Xây dựng &lt;&amp;&gt;"));
        assert!(!svg.contains("<&>"));
        assert!(svg.contains(r#"role="img" aria-labelledby="co-quan-t co-quan-d""#));
        assert!(svg.contains("<desc id=\"co-quan-d\">1 mục. Sở Xây dựng &lt;&amp;&gt;: 94,2 %.</desc>"));
        assert_eq!(escape("a'b"), "a&#39;b");
    }

    #[test]
    fn summaries_name_the_extremes() {
        let chart = Chart::new(
            "c",
            "x",
            ChartKind::Columns,
            data(&[("1/2026", Some(3.0)), ("2/2026", Some(9.0)), ("3/2026", Some(5.0))]),
        );
        assert_eq!(
            chart.summary(),
            "3 kỳ, từ 1/2026 đến 3/2026. Cao nhất: 2/2026 (9,0). Thấp nhất: 1/2026 (3,0)."
        );
    }

    #[test]
    fn long_labels_are_shortened_in_the_picture_only() {
        let long = "Ủy ban nhân dân xã có một cái tên rất dài dài dài dài dài";
        let chart = Chart::new("c", "x", ChartKind::Bars, vec![Datum::new(long, Some(1.0), "1")]);
        let svg = chart.svg().expect("drawn");
        assert!(svg.contains(&format!("<title>{long}: 1</title>")));
        assert!(svg.contains('…'));
    }

    #[test]
    fn round_ceilings() {
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(10.0), 10.0);
        assert_eq!(nice_ceiling(11.0), 20.0);
        assert_eq!(nice_ceiling(230.0), 250.0);
        assert_eq!(nice_ceiling(0.3), 0.5);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(fmt(1.25), "1.3");
        assert_eq!(fmt(f64::NAN), "0");
    }
}
