//! The month as a picture: platform calls per connection per day, and the worst upkeep
//! backlog of each day, by platform (SVG, for the README).

use std::path::Path;

use clientconnect::domain::Platform;
use plotters::prelude::*;

use crate::Outcome;

const COLOURS: [RGBColor; 6] = [
    RGBColor(204, 0, 0),     // YouTube
    RGBColor(0, 0, 0),       // TikTok
    RGBColor(193, 53, 132),  // Instagram
    RGBColor(24, 119, 242),  // Facebook
    RGBColor(0, 150, 110),   // LinkedIn
    RGBColor(110, 110, 110), // X
];

/// Draws `outcome` to `path`.
pub fn draw(outcome: &Outcome, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (960, 720)).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, bottom) = root.split_vertically(360);
    let days = outcome.days.len() as u32;

    let per_day: Vec<[f64; 6]> = outcome
        .days
        .iter()
        .map(|day| {
            let mut row = [0.0; 6];
            for (index, value) in row.iter_mut().enumerate() {
                *value =
                    day.calls[index] as f64 / outcome.connections_by_platform[index].max(1) as f64;
            }
            row
        })
        .collect();
    let highest = per_day
        .iter()
        .flat_map(|row| row.iter().copied())
        .fold(1.2_f64, f64::max);
    let mut calls = ChartBuilder::on(&top)
        .caption("Platform calls per connection per day", ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(48)
        .build_cartesian_2d(1u32..days, 0.0..highest)?;
    calls
        .configure_mesh()
        .x_desc("day of the month")
        .y_desc("calls")
        .draw()?;
    for (index, platform) in Platform::ALL.iter().enumerate() {
        let colour = COLOURS[index];
        calls
            .draw_series(LineSeries::new(
                per_day
                    .iter()
                    .enumerate()
                    .map(|(day, row)| (day as u32 + 1, row[index])),
                colour.stroke_width(2),
            ))?
            .label(platform.display_name())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], colour));
    }
    calls
        .configure_series_labels()
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()?;

    let backlog_high = outcome
        .days
        .iter()
        .flat_map(|day| day.worst_backlog.iter().copied())
        .max()
        .unwrap_or(0)
        .max(10) as f64;
    let mut backlog = ChartBuilder::on(&bottom)
        .caption(
            "Upkeep backlog: due entries not done yet, at the worst ten-minute mark of each day",
            ("sans-serif", 20),
        )
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(48)
        .build_cartesian_2d(1u32..days, 0.0..backlog_high * 1.1)?;
    backlog
        .configure_mesh()
        .x_desc("day of the month")
        .y_desc("entries")
        .draw()?;
    for (index, _) in Platform::ALL.iter().enumerate() {
        backlog.draw_series(LineSeries::new(
            outcome
                .days
                .iter()
                .enumerate()
                .map(|(day, row)| (day as u32 + 1, row.worst_backlog[index] as f64)),
            COLOURS[index].stroke_width(2),
        ))?;
    }
    root.present()?;
    Ok(())
}
