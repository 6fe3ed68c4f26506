//! Printers of a [`Timeline`]: bars for a terminal, JSON and CSV for programs, and
//! an SVG chart for a story.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use plotters::prelude::*;

use crate::sanitize::for_terminal;
use crate::search::timeline::Timeline;

/// The widest bar, in characters.
const BAR_WIDTH: u64 = 50;

/// One line per period: its label, a bar scaled to the busiest period, the count;
/// with a split, the values of the period after it. Empty periods are shown.
pub fn write_bars(out: &mut impl Write, timeline: &Timeline) -> io::Result<()> {
    let most = timeline
        .bars
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let label = timeline
        .bars
        .iter()
        .map(|b| b.period.len())
        .max()
        .unwrap_or(4);
    let digits = most.to_string().len();
    for bar in &timeline.bars {
        // Any document at all gets a sliver, so a lone story is not an empty period.
        let width = match bar.count {
            0 => 0,
            n => (n * BAR_WIDTH / most).max(1),
        };
        let bar_text = "█".repeat(width as usize);
        write!(
            out,
            "{:<label$}  {:>digits$}  {bar_text}",
            bar.period, bar.count
        )?;
        if !bar.split.is_empty() {
            let parts: Vec<String> = bar
                .split
                .iter()
                .map(|share| format!("{} {}", for_terminal(&share.value, false), share.count))
                .collect();
            write!(out, "  {}", parts.join(", "))?;
        }
        writeln!(out)?;
    }
    let dated = timeline.total - timeline.undated;
    writeln!(
        out,
        "{} documents: {dated} dated, {} undated",
        timeline.total, timeline.undated
    )
}

/// The timeline as one JSON object (the shape is in the README).
pub fn write_json(out: &mut impl Write, timeline: &Timeline) -> io::Result<()> {
    serde_json::to_writer(&mut *out, timeline)?;
    writeln!(out)
}

/// `period,start,count`, or with a split `period,start,value,count` (one row per
/// period and value: the long form spreadsheets and Gephi-like tools pivot).
pub fn write_csv(out: &mut impl Write, timeline: &Timeline) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    if timeline.split.is_some() {
        writer.write_record(["period", "start", "value", "count"])?;
        for bar in &timeline.bars {
            for share in &bar.split {
                writer.write_record([
                    bar.period.as_str(),
                    bar.start.as_str(),
                    share.value.as_str(),
                    &share.count.to_string(),
                ])?;
            }
        }
    } else {
        writer.write_record(["period", "start", "count"])?;
        for bar in &timeline.bars {
            writer.write_record([&bar.period, &bar.start, &bar.count.to_string()])?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// Values of a split drawn in their own colour; the rest are drawn together.
const SPLIT_COLOURS: usize = 8;

/// The chart drawn into `path`: SVG, or PNG rendered from the same SVG.
pub fn write_plot(path: &Path, timeline: &Timeline) -> Result<()> {
    let svg = chart_svg(timeline).with_context(|| format!("cannot draw {}", path.display()))?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("svg") => {
            std::fs::write(path, svg).with_context(|| format!("cannot write {}", path.display()))
        }
        Some("png") => write_png(path, &svg),
        _ => anyhow::bail!(
            "--plot {}: give a file ending in .svg or .png",
            path.display()
        ),
    }
}

/// Sans-serif families tried, in order, for the labels of a PNG; else any font.
const PNG_FONTS: [&str; 5] = [
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
    "Arial",
    "Helvetica",
];

/// Renders the SVG with resvg, its labels in a system font.
fn write_png(path: &Path, svg: &str) -> Result<()> {
    let mut options = resvg::usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    let family = PNG_FONTS
        .iter()
        .map(|f| f.to_string())
        .find(|name| {
            fonts
                .faces()
                .any(|face| face.families.iter().any(|(n, _)| n == name))
        })
        .or_else(|| {
            let face = fonts.faces().next()?;
            face.families.first().map(|(n, _)| n.clone())
        });
    let Some(family) = family else {
        anyhow::bail!(
            "--plot {}: no font is installed to write the chart's labels with; plot to \
             FILE.svg, or install one (Debian: fonts-dejavu-core)",
            path.display()
        );
    };
    fonts.set_sans_serif_family(family);
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .with_context(|| format!("cannot render {}", path.display()))?;
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .with_context(|| format!("cannot render {}: empty chart", path.display()))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .save_png(path)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// A bar chart of the timeline as SVG text, stacked by the split's values.
fn chart_svg(timeline: &Timeline) -> Result<String> {
    let periods = timeline.bars.len().max(1);
    // A multi-valued split (actors) stacks a document once per value.
    let most = timeline
        .bars
        .iter()
        .map(|b| b.count.max(b.split.iter().map(|s| s.count).sum()))
        .max()
        .unwrap_or(0)
        .max(1);
    let width = (periods as u32 * 14).clamp(640, 1600);
    let mut svg = String::new();
    let root = SVGBackend::with_string(&mut svg, (width, 420)).into_drawing_area();
    let draw = || -> Result<(), Box<dyn std::error::Error>> {
        root.fill(&WHITE)?;
        let caption = match &timeline.split {
            Some(split) => format!("{}, by {split}", timeline.query),
            None => timeline.query.clone(),
        };
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(0..periods, 0..most + most / 10 + 1)?;
        let labels: Vec<&str> = timeline.bars.iter().map(|b| b.period.as_str()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(labels.len().min(12))
            .x_label_formatter(&|i| labels.get(*i).map(|l| l.to_string()).unwrap_or_default())
            .y_desc("documents")
            .draw()?;
        let palette = |i: usize| Palette99::pick(i).to_rgba();
        let shown: Vec<&str> = timeline
            .values
            .iter()
            .take(SPLIT_COLOURS)
            .map(String::as_str)
            .collect();
        for (i, bar) in timeline.bars.iter().enumerate() {
            if bar.split.is_empty() {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(i, 0), (i + 1, bar.count)],
                    palette(0).filled(),
                )))?;
                continue;
            }
            // Stacked in the split's order; values past the coloured ones in grey.
            let mut base = 0;
            for share in &bar.split {
                let (value, count) = (&share.value, share.count);
                let colour = match shown.iter().position(|v| v == value) {
                    Some(k) => palette(k),
                    None => RGBAColor(160, 160, 160, 1.0),
                };
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(i, base), (i + 1, base + count)],
                    colour.filled(),
                )))?;
                base += count;
            }
        }
        if !shown.is_empty() {
            for (k, value) in shown.iter().enumerate() {
                let colour = palette(k);
                chart
                    .draw_series(std::iter::empty::<Rectangle<(usize, u64)>>())?
                    .label(value.to_string())
                    .legend(move |(x, y)| {
                        Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled())
                    });
            }
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .draw()?;
        }
        root.present()?;
        Ok(())
    };
    draw().map_err(|e| anyhow::anyhow!("{e}"))?;
    drop(root);
    Ok(svg)
}
