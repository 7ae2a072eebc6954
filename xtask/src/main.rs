//! `cargo xtask <command>`: the project's own commands (the alias is in
//! `.cargo/config.toml`). No AWS and no network: they only read and write this checkout.

mod new_endpoint;

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask new-endpoint NAME --method METHOD --path PATH --access ACCESS --handler HANDLER
                                [--description TEXT]

  Registers one HTTP endpoint: its binary (functions/src/bin/NAME.rs), [[bin]] row,
  route-table row, cargo lambda router entry, template.yaml function (with an empty
  policy that infra/check_template.py fills from what the tests observe) and log group,
  and a handler stub that fails until it is written. Refuses, changing nothing, when any
  of it already exists.

  METHOD  GET, POST, PUT, PATCH or DELETE
  ACCESS  a variant of `Access` in functions/src/routes.rs (Bearer, Public, Page, Iam)
  HANDLER api::<module>::<function> or pages::<function>

  e.g. cargo xtask new-endpoint create-thing --method POST \\
         --path \"/workspaces/{workspace_id}/things\" --access Bearer --handler api::things::create";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("new-endpoint") => new_endpoint(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn new_endpoint(args: &[String]) -> ExitCode {
    let endpoint = match new_endpoint::Endpoint::from_args(args) {
        Ok(endpoint) => endpoint,
        Err(problem) => {
            eprintln!("new-endpoint: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // The workspace root, wherever cargo was started from.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ is in the workspace");
    match new_endpoint::run(root, &endpoint) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("new-endpoint: nothing was changed, because:");
            for problem in problems {
                eprintln!("  - {problem}");
            }
            ExitCode::FAILURE
        }
    }
}
