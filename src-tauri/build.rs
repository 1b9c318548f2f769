// Generates one allow-/deny- permission per command (listed here, and nowhere else), which the
// capability in capabilities/main.json grants one by one.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&["about", "get_settings", "set_ui_language"]),
    ))?;
    Ok(())
}
