//! Rebuilds the crate when a Fluent catalog is added or changed: the catalogs are
//! compiled in by `fluent_templates::static_loader!`, which tracks the files it found,
//! not new ones.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
