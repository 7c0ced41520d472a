//! The room's address as a QR code drawn with half blocks: two modules a character, so that
//! an address fits in about 30 × 16 cells.

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, as the standard asks for a reader to find it.
const QUIET: usize = 2;

/// The lines of the QR code of `text`, where a drawn half block is a light module: the
/// caller draws them light on dark, whatever the terminal's own colours. `None` when the
/// text is too long for a QR code.
pub fn half_blocks(text: &str) -> Option<Vec<String>> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let light = |x: usize, y: usize| {
        let inside = (QUIET..QUIET + width).contains(&x) && (QUIET..QUIET + width).contains(&y);
        !inside || colors[(y - QUIET) * width + (x - QUIET)] == Color::Light
    };
    let lines = (0..size)
        .step_by(2)
        .map(|y| {
            (0..size)
                .map(|x| {
                    let top = light(x, y);
                    let bottom = y + 1 >= size || light(x, y + 1);
                    match (top, bottom) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    }
                })
                .collect()
        })
        .collect();
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_fits_a_corner_of_the_screen() {
        let lines = half_blocks("http://192.168.100.200:8765/").expect("fits a QR code");
        // Version 2 (25 modules) with its quiet zone: 29 wide, 15 lines.
        assert_eq!(lines.len(), 15);
        assert!(lines.iter().all(|l| l.chars().count() == 29));
        // The quiet zone is light all round.
        assert!(lines[0].chars().all(|c| c == '█'));
        // The finder pattern's dark ring starts two modules in: dark on both halves.
        assert_eq!(lines[1].chars().nth(1), Some('█'));
        assert_eq!(lines[1].chars().nth(2), Some(' '));
    }

    #[test]
    fn a_text_too_long_is_no_code() {
        assert!(half_blocks(&"x".repeat(5_000)).is_none());
    }
}
