//! `cargo xtask new-endpoint`: the registration parts of one HTTP endpoint, from one
//! description, each written where its siblings are.
//!
//! Writes the binary (`functions/src/bin/<name>.rs`), its `[[bin]]` row, the route
//! table's row (`functions/src/routes.rs`), the cargo lambda router entry (workspace
//! `Cargo.toml`), the template function with an empty policy and its log group
//! (`template.yaml`), and a handler stub that fails with an `AppError` until written.
//!
//! Everything is checked first (the name, route, Lambda function and handler are new,
//! the method, path and access are valid) and every file is computed in memory; only
//! then is anything written, so a refusal changes nothing. Files are edited as text,
//! rows appended after their siblings': order, format and comments stay as they are.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const ROUTES: &str = "functions/src/routes.rs";
const FUNCTIONS_MANIFEST: &str = "functions/Cargo.toml";
const WORKSPACE_MANIFEST: &str = "Cargo.toml";
const TEMPLATE: &str = "template.yaml";
const ROUTER: &str = "[workspace.metadata.lambda.watch.router]";
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
/// The modules `lambda_main!` brings into scope for a binary's handler.
const HANDLER_ROOTS: &[&str] = &["api", "pages"];

/// One endpoint, as the command line describes it.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub name: String,
    pub method: String,
    pub path: String,
    pub access: String,
    pub handler: String,
    pub description: Option<String>,
}

impl Endpoint {
    pub fn from_args(args: &[String]) -> Result<Self, String> {
        let (mut name, mut method, mut path, mut access, mut handler, mut description) =
            (None, None, None, None, None, None);
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let slot = match arg.as_str() {
                "--method" => &mut method,
                "--path" => &mut path,
                "--access" => &mut access,
                "--handler" => &mut handler,
                "--description" => &mut description,
                flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
                _ if name.is_none() => {
                    name = Some(arg.clone());
                    continue;
                }
                _ => return Err(format!("unexpected argument {arg}")),
            };
            *slot = Some(args.next().ok_or(format!("{arg} needs a value"))?.clone());
        }
        let missing = |what: &str| format!("{what} is missing");
        Ok(Endpoint {
            name: name.ok_or(missing("NAME"))?,
            method: method.ok_or(missing("--method"))?.to_uppercase(),
            path: path.ok_or(missing("--path"))?,
            access: access.ok_or(missing("--access"))?,
            handler: handler.ok_or(missing("--handler"))?,
            description,
        })
    }

    /// The route table's variant: the name in PascalCase.
    fn variant(&self) -> String {
        self.name
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or(String::new(), |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect()
    }

    /// The template's logical id (infra/check_template.py and the Makefile expect it).
    fn logical_id(&self) -> String {
        format!("{}Function", self.variant())
    }
}

/// A file as it will be written.
#[derive(Debug)]
pub struct Change {
    pub path: PathBuf,
    pub contents: String,
    pub created: bool,
    pub what: String,
}

/// Checks, then writes every part; or lists every reason to write nothing.
pub fn run(root: &Path, endpoint: &Endpoint) -> Result<String, Vec<String>> {
    let changes = plan(root, endpoint)?;
    for change in &changes {
        let file = root.join(&change.path);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|err| vec![format!("cannot create {}: {err}", dir.display())])?;
        }
        std::fs::write(&file, &change.contents)
            .map_err(|err| vec![format!("cannot write {}: {err}", file.display())])?;
    }
    Ok(report(endpoint, &changes))
}

/// Every file the endpoint changes, as it will be; nothing is written.
pub fn plan(root: &Path, endpoint: &Endpoint) -> Result<Vec<Change>, Vec<String>> {
    let read = |relative: &str| {
        std::fs::read_to_string(root.join(relative))
            .map_err(|err| vec![format!("cannot read {relative}: {err}")])
    };
    let routes = read(ROUTES)?;
    let functions_manifest = read(FUNCTIONS_MANIFEST)?;
    let workspace_manifest = read(WORKSPACE_MANIFEST)?;
    let template = read(TEMPLATE)?;
    let table = RouteTable::parse(&routes).map_err(|problem| vec![problem])?;
    let bins = bin_names(&functions_manifest).map_err(|problem| vec![problem])?;
    let router = router_routes(&workspace_manifest).map_err(|problem| vec![problem])?;
    let resources = template_resources(&template);

    let mut problems = describe_problems(endpoint, &table.accesses);
    let name = &endpoint.name;
    let variant = endpoint.variant();
    let bin = format!("functions/src/bin/{name}.rs");
    if bins.contains(name) {
        problems.push(format!(
            "{FUNCTIONS_MANIFEST} already has a [[bin]] named {name}"
        ));
    }
    if table.rows.iter().any(|row| &row.function == name) || table.jobs.contains(name) {
        problems.push(format!("{ROUTES} already has a function named {name}"));
    }
    if table.rows.iter().any(|row| row.variant == variant) {
        problems.push(format!("{ROUTES} already has a route {variant}"));
    }
    if root.join(&bin).exists() {
        problems.push(format!("{bin} already exists"));
    }
    for id in [endpoint.logical_id(), format!("{variant}Logs")] {
        if resources.iter().any(|resource| resource.id == id) {
            problems.push(format!("{TEMPLATE} already has a resource {id}"));
        }
    }
    let shape = route_shape(&endpoint.method, &endpoint.path);
    for row in &table.rows {
        if route_shape(&row.method, &row.path) == shape {
            problems.push(format!(
                "{ROUTES} already routes {} {} (to {})",
                row.method, row.path, row.function
            ));
        }
    }
    for (method, path, function) in &router {
        if route_shape(method, path) == shape
            && !table.rows.iter().any(|row| &row.function == function)
        {
            problems.push(format!(
                "the Cargo.toml router already routes {method} {path} (to {function})"
            ));
        }
    }
    let handler = plan_handler(root, endpoint, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }

    // Every place found, or nothing is written.
    let mut changes = handler;
    let mut place = |path: &str, edited: Result<String, String>, what: String| match edited {
        Ok(contents) => changes.push(Change {
            path: path.into(),
            contents,
            created: false,
            what,
        }),
        Err(problem) => problems.push(format!("{path}: {problem}")),
    };
    place(
        ROUTES,
        insert_route_row(&routes, &table, endpoint),
        format!("route row {variant}"),
    );
    place(
        FUNCTIONS_MANIFEST,
        insert_bin_row(&functions_manifest, name),
        "[[bin]] row".into(),
    );
    place(
        WORKSPACE_MANIFEST,
        insert_router_entry(&workspace_manifest, endpoint),
        "cargo lambda router entry".into(),
    );
    let template_edit = insert_template_function(&template, &resources, endpoint);
    let log_group = match &template_edit {
        Ok(edited) if edited.contains(&format!("\n  {variant}Logs:\n")) => ", its log group",
        _ => "",
    };
    place(
        TEMPLATE,
        template_edit,
        format!("{} (empty policy){log_group}", endpoint.logical_id()),
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    changes.push(Change {
        path: bin.into(),
        contents: format!(
            "//! `{} {}`.\nclientconnect_functions::lambda_main!({});\n",
            endpoint.method, endpoint.path, endpoint.handler
        ),
        created: true,
        what: "the binary".into(),
    });
    Ok(changes)
}

/// What is wrong with the description itself, whatever the files hold.
fn describe_problems(endpoint: &Endpoint, accesses: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let kebab = !endpoint.name.is_empty()
        && endpoint.name.split('-').all(|part| {
            part.starts_with(|c: char| c.is_ascii_lowercase())
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if !kebab {
        problems.push(format!(
            "the name {:?} is not kebab-case (lowercase words and digits joined by -, each word starting with a letter)",
            endpoint.name
        ));
    }
    if !METHODS.contains(&endpoint.method.as_str()) {
        problems.push(format!(
            "the method {} is not one of {}",
            endpoint.method,
            METHODS.join(", ")
        ));
    }
    if let Err(problem) = check_path(&endpoint.path) {
        problems.push(format!("the path {:?} {problem}", endpoint.path));
    }
    if !accesses.contains(&endpoint.access) {
        problems.push(format!(
            "the access {:?} is unknown: functions/src/routes.rs knows {}",
            endpoint.access,
            accesses.join(", ")
        ));
    }
    if handler_parts(&endpoint.handler).is_none() {
        problems.push(format!(
            "the handler {:?} is not a path like api::<module>::<function> or pages::<function>",
            endpoint.handler
        ));
    }
    if let Some(description) = &endpoint.description {
        if description.contains(['\n', '"', '\\']) || description.trim().is_empty() {
            problems.push("the description must be one line without quotes or backslashes".into());
        }
    }
    problems
}

fn check_path(path: &str) -> Result<(), &'static str> {
    let rest = path.strip_prefix('/').ok_or("does not start with /")?;
    let mut params = BTreeSet::new();
    for segment in rest.split('/') {
        if let Some(param) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if !is_snake_ident(param) {
                return Err("has a parameter that is not {snake_case}");
            }
            if !params.insert(param) {
                return Err("names a parameter twice");
            }
        } else if segment.is_empty()
            || !segment
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
        {
            return Err("has an empty segment or one that is not lowercase letters, digits, - _ . or a {parameter}");
        }
    }
    Ok(())
}

/// The module path and function of a handler such as `api::things::create`, if it is
/// one a binary can name.
fn handler_parts(handler: &str) -> Option<(Vec<&str>, &str)> {
    let mut module: Vec<&str> = handler.split("::").collect();
    let function = module.pop()?;
    let valid = HANDLER_ROOTS.contains(module.first()?)
        && module
            .iter()
            .chain([&function])
            .all(|segment| is_snake_ident(segment));
    valid.then_some((module, function))
}

fn is_snake_ident(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A route with its parameters' names left out: API Gateway cannot tell
/// `/a/{x}` from `/a/{y}`.
fn route_shape(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                "{}"
            } else {
                segment
            }
        })
        .collect();
    format!("{method} {}", segments.join("/"))
}

/// One row of the route table: `Variant "function" METHOD "/path" Access => handler;`.
#[derive(Debug, PartialEq)]
struct Row {
    variant: String,
    function: String,
    method: String,
    path: String,
    access: String,
    handler: String,
}

impl Row {
    fn parse(line: &str) -> Option<Row> {
        let unquote = |token: &str| Some(token.strip_prefix('"')?.strip_suffix('"')?.to_owned());
        match line.split_whitespace().collect::<Vec<_>>()[..] {
            [variant, function, method, path, access, "=>", handler] => Some(Row {
                variant: variant.into(),
                function: unquote(function)?,
                method: method.into(),
                path: unquote(path)?,
                access: access.into(),
                handler: handler.strip_suffix(';')?.into(),
            }),
            _ => None,
        }
    }

    fn line(&self) -> String {
        format!(
            "    {} \"{}\" {} \"{}\" {} => {};",
            self.variant, self.function, self.method, self.path, self.access, self.handler
        )
    }
}

/// What `functions/src/routes.rs` says: its routes, its jobs' functions, the kinds of
/// access, and the line that closes the `routes!` block.
struct RouteTable {
    rows: Vec<Row>,
    jobs: Vec<String>,
    accesses: Vec<String>,
    routes_end: usize,
}

impl RouteTable {
    fn parse(source: &str) -> Result<RouteTable, String> {
        let lines: Vec<&str> = source.lines().collect();
        let (routes_start, routes_end) = block(&lines, "routes! {")?;
        let mut rows = Vec::new();
        for (index, line) in lines
            .iter()
            .enumerate()
            .take(routes_end)
            .skip(routes_start + 1)
        {
            if line.trim().is_empty() || line.trim_start().starts_with("//") {
                continue;
            }
            rows.push(Row::parse(line).ok_or(format!(
                "{ROUTES}:{}: not a route row (`Variant \"function\" METHOD \"/path\" Access => handler;`)",
                index + 1
            ))?);
        }
        let (jobs_start, jobs_end) = block(&lines, "jobs! {")?;
        let jobs = lines[jobs_start + 1..jobs_end]
            .iter()
            .filter_map(|line| line.split('"').nth(1).map(str::to_owned))
            .collect();
        let (access_start, access_end) = block(&lines, "pub enum Access {")?;
        let accesses = lines[access_start + 1..access_end]
            .iter()
            .map(|line| line.trim())
            .filter(|line| !line.starts_with("//") && !line.starts_with('#'))
            .filter_map(|line| line.strip_suffix(','))
            .map(str::to_owned)
            .collect();
        Ok(RouteTable {
            rows,
            jobs,
            accesses,
            routes_end,
        })
    }
}

/// The line that opens a top-level block and the `}` that closes it.
fn block(lines: &[&str], opener: &str) -> Result<(usize, usize), String> {
    let start = lines
        .iter()
        .position(|line| line.trim_end() == opener)
        .ok_or(format!("{ROUTES} has no line `{opener}`"))?;
    let end = lines[start..]
        .iter()
        .position(|line| *line == "}")
        .ok_or(format!("{ROUTES}: `{opener}` is never closed"))?;
    Ok((start, start + end))
}

fn insert_route_row(
    source: &str,
    table: &RouteTable,
    endpoint: &Endpoint,
) -> Result<String, String> {
    let row = Row {
        variant: endpoint.variant(),
        function: endpoint.name.clone(),
        method: endpoint.method.clone(),
        path: endpoint.path.clone(),
        access: endpoint.access.clone(),
        handler: endpoint.handler.clone(),
    };
    Ok(insert_lines(source, table.routes_end, &[row.line()]))
}

fn bin_names(manifest: &str) -> Result<BTreeSet<String>, String> {
    let manifest: toml::Value = manifest
        .parse()
        .map_err(|err| format!("{FUNCTIONS_MANIFEST} does not parse: {err}"))?;
    Ok(manifest
        .get("bin")
        .and_then(toml::Value::as_array)
        .ok_or(format!("{FUNCTIONS_MANIFEST} has no [[bin]] list"))?
        .iter()
        .filter_map(|bin| bin.get("name")?.as_str().map(str::to_owned))
        .collect())
}

/// The `bin = [ … ]` list gets one more row before its `]`.
fn insert_bin_row(manifest: &str, name: &str) -> Result<String, String> {
    let lines: Vec<&str> = manifest.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.trim_end() == "bin = [")
        .ok_or("no `bin = [` list")?;
    let end = start
        + lines[start..]
            .iter()
            .position(|line| line.trim_end() == "]")
            .ok_or("the `bin = [` list is never closed")?;
    let row = format!("    {{ name = \"{name}\", path = \"src/bin/{name}.rs\", test = false }},");
    Ok(insert_lines(manifest, end, &[row]))
}

/// (method, path, function) of every entry of the cargo lambda router.
fn router_routes(manifest: &str) -> Result<Vec<(String, String, String)>, String> {
    let manifest: toml::Value = manifest
        .parse()
        .map_err(|err| format!("{WORKSPACE_MANIFEST} does not parse: {err}"))?;
    let router = ["workspace", "metadata", "lambda", "watch", "router"]
        .iter()
        .try_fold(&manifest, |value, key| value.get(key))
        .and_then(toml::Value::as_table)
        .ok_or(format!("{WORKSPACE_MANIFEST} has no {ROUTER}"))?;
    let mut routes = Vec::new();
    for (path, targets) in router {
        for target in targets.as_array().into_iter().flatten() {
            let field = |key: &str| {
                target
                    .get(key)
                    .and_then(toml::Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            routes.push((field("method"), path.clone(), field("function")));
        }
    }
    Ok(routes)
}

/// The router gets the entry: in its path's list if the path is routed already (a
/// one-line list becomes one entry a line, as its multi-entry siblings are), or as a new
/// path after the last one.
fn insert_router_entry(manifest: &str, endpoint: &Endpoint) -> Result<String, String> {
    let lines: Vec<&str> = manifest.lines().collect();
    let header = lines
        .iter()
        .position(|line| line.trim_end() == ROUTER)
        .ok_or(format!("no {ROUTER} table"))?;
    let end = lines[header + 1..]
        .iter()
        .position(|line| line.starts_with('[') && line.trim_end().ends_with(']'))
        .map_or(lines.len(), |offset| header + 1 + offset);
    let entry = format!(
        "{{ method = \"{}\", function = \"{}\" }}",
        endpoint.method, endpoint.name
    );
    let key = format!("\"{}\" = [", endpoint.path);
    let Some(at) = (header + 1..end).find(|&index| lines[index].starts_with(&key)) else {
        let last = (header..end)
            .rev()
            .find(|&index| !lines[index].trim().is_empty())
            .unwrap_or(header);
        // One line, unless it is longer than the longest one-line sibling.
        let widest = lines[header + 1..end]
            .iter()
            .filter(|line| line.starts_with('"') && line.trim_end().ends_with("}]"))
            .map(|line| line.trim_end().len())
            .max()
            .unwrap_or(80);
        let one_line = format!("{key}{entry}]");
        let added = if one_line.len() <= widest {
            vec![one_line]
        } else {
            vec![key, format!("    {entry},"), "]".into()]
        };
        return Ok(insert_lines(manifest, last + 1, &added));
    };
    if lines[at].trim_end() == key {
        let close = (at + 1..end)
            .find(|&index| lines[index].trim_end() == "]")
            .ok_or(format!(
                "the router's {} list is never closed",
                endpoint.path
            ))?;
        return Ok(insert_lines(manifest, close, &[format!("    {entry},")]));
    }
    let inner = lines[at][key.len()..]
        .trim_end()
        .strip_suffix(']')
        .ok_or(format!(
            "the router's {} list is not on one line",
            endpoint.path
        ))?;
    let mut expanded = vec![key.clone()];
    expanded.extend(
        inner
            .split_inclusive('}')
            .map(|item| item.trim_start_matches([',', ' ']).trim())
            .filter(|item| !item.is_empty())
            .map(|item| format!("    {item},")),
    );
    expanded.push(format!("    {entry},"));
    expanded.push("]".into());
    let mut edited: Vec<String> = lines.iter().map(|line| line.to_string()).collect();
    edited.splice(at..=at, expanded);
    Ok(join_lines(edited, manifest))
}

/// A resource of template.yaml: its logical id and lines `start..end` (the blank and
/// comment lines before the next resource left out).
#[derive(Debug)]
struct Resource {
    id: String,
    start: usize,
    end: usize,
}

fn template_resources(template: &str) -> Vec<Resource> {
    let lines: Vec<&str> = template.lines().collect();
    let Some(section) = lines
        .iter()
        .position(|line| line.trim_end() == "Resources:")
    else {
        return Vec::new();
    };
    let section_end = lines[section + 1..]
        .iter()
        .position(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map_or(lines.len(), |offset| section + 1 + offset);
    let headers: Vec<(usize, &str)> = (section + 1..section_end)
        .filter_map(|index| {
            let id = lines[index]
                .strip_prefix("  ")?
                .trim_end()
                .strip_suffix(':')?;
            id.chars()
                .all(|c| c.is_ascii_alphanumeric())
                .then_some((index, id))
        })
        .collect();
    headers
        .iter()
        .enumerate()
        .map(|(n, &(start, id))| {
            let mut end = headers.get(n + 1).map_or(section_end, |&(next, _)| next);
            while end > start + 1 {
                let line = lines[end - 1].trim_start();
                if line.is_empty()
                    || (line.starts_with('#') && lines[end - 1].len() - line.len() <= 2)
                {
                    end -= 1;
                } else {
                    break;
                }
            }
            Resource {
                id: id.into(),
                start,
                end,
            }
        })
        .collect()
}

/// The function goes after the last function the HTTP API routes to (and its log group),
/// shaped as they are: built by the Makefile, the route as its one event (the IAM
/// authorizer for an IAM route), the Globals' environment, no policy yet. It gets a log
/// group if that sibling has one, made from the sibling's.
fn insert_template_function(
    template: &str,
    resources: &[Resource],
    endpoint: &Endpoint,
) -> Result<String, String> {
    let lines: Vec<&str> = template.lines().collect();
    let text = |resource: &Resource| lines[resource.start..resource.end].to_vec();
    let sibling = resources
        .iter()
        .rev()
        .find(|resource| {
            let body = text(resource);
            body.iter()
                .any(|line| line.trim() == "Type: AWS::Serverless::Function")
                && body.iter().any(|line| line.trim() == "Type: HttpApi")
        })
        .ok_or("no function with an HttpApi event to put the new one next to")?;
    let api_id = text(sibling)
        .into_iter()
        .find(|line| line.trim_start().starts_with("ApiId:"))
        .map_or("ApiId: !Ref Api".into(), |line| line.trim().to_owned());
    let log_group = resources.iter().find(|resource| {
        let body = text(resource);
        body.iter()
            .any(|line| line.trim() == "Type: AWS::Logs::LogGroup")
            && body
                .iter()
                .any(|line| line.contains(&format!("${{{}}}", sibling.id)))
    });
    let description = endpoint
        .description
        .clone()
        .unwrap_or(format!("{} {}", endpoint.method, endpoint.path));
    let mut added = vec![
        String::new(),
        format!("  {}:", endpoint.logical_id()),
        "    Type: AWS::Serverless::Function".into(),
        "    Metadata:".into(),
        "      BuildMethod: makefile".into(),
        "    Properties:".into(),
        format!("      Description: {}", yaml_scalar(&description)),
        "      # From what the tests see it call: infra/check_template.py --fill".into(),
        "      Policies: []".into(),
        "      Events:".into(),
        "        Http:".into(),
        "          Type: HttpApi".into(),
        "          Properties:".into(),
        format!("            {api_id}"),
        format!("            Method: {}", endpoint.method),
        format!("            Path: \"{}\"", endpoint.path),
    ];
    if endpoint.access == "Iam" {
        added.push("            Auth:".into());
        added.push("              Authorizer: AWS_IAM".into());
    }
    let mut after = sibling.end;
    if let Some(log_group) = log_group {
        let sibling_base = sibling.id.strip_suffix("Function").unwrap_or(&sibling.id);
        added.push(String::new());
        added.extend(
            text(log_group)
                .iter()
                .map(|line| line.replace(sibling_base, &endpoint.variant())),
        );
        after = after.max(log_group.end);
    }
    Ok(insert_lines(template, after, &added))
}

/// Plain when YAML reads it back as the same string, quoted otherwise.
fn yaml_scalar(text: &str) -> String {
    let plain = text.starts_with(|c: char| c.is_ascii_alphanumeric())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " ,.'()/{}_-".contains(c));
    if plain {
        text.into()
    } else {
        format!("\"{text}\"")
    }
}

/// The handler stub: appended to its module, or a new module declared in its parent.
fn plan_handler(root: &Path, endpoint: &Endpoint, problems: &mut Vec<String>) -> Vec<Change> {
    let Some((module, function)) = handler_parts(&endpoint.handler) else {
        return Vec::new(); // a problem already
    };
    let module_file = |module: &[&str]| {
        let base = format!("functions/src/{}", module.join("/"));
        [format!("{base}.rs"), format!("{base}/mod.rs")]
            .into_iter()
            .find(|candidate| root.join(candidate).is_file())
    };
    let stub = |file: &str| stub(endpoint, function, file);
    if let Some(file) = module_file(&module) {
        let source = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
        if source.contains(&format!("fn {function}("))
            || source.contains(&format!("fn {function}<"))
        {
            problems.push(format!("{file} already has a function {function}"));
            return Vec::new();
        }
        let separator = if source.ends_with('\n') { "" } else { "\n" };
        return vec![Change {
            contents: format!("{source}{separator}{}", stub(&file)),
            path: file.into(),
            created: false,
            what: format!("handler stub {function}"),
        }];
    }
    let (leaf, parent) = module.split_last().expect("not empty");
    let Some(parent_file) = module_file(parent).filter(|_| !parent.is_empty()) else {
        problems.push(format!("the module {} does not exist", module.join("::")));
        return Vec::new();
    };
    let parent_source = std::fs::read_to_string(root.join(&parent_file)).unwrap_or_default();
    let lines: Vec<&str> = parent_source.lines().collect();
    let declarations: Vec<usize> = (0..lines.len())
        .filter(|&index| lines[index].starts_with("pub mod ") && lines[index].ends_with(';'))
        .collect();
    // In alphabetical order among its siblings' declarations.
    let at = declarations
        .iter()
        .copied()
        .find(|&index| &lines[index]["pub mod ".len()..lines[index].len() - 1] > *leaf)
        .unwrap_or_else(|| declarations.last().map_or(lines.len(), |last| last + 1));
    let file = format!("functions/src/{}.rs", module.join("/"));
    vec![
        Change {
            contents: insert_lines(&parent_source, at, &[format!("pub mod {leaf};")]),
            path: parent_file.into(),
            created: false,
            what: format!("`pub mod {leaf};`"),
        },
        Change {
            contents: format!(
                "//! Handlers of `{}`: say here what they serve.\n{}",
                endpoint.path,
                stub(&file)
            ),
            path: file.clone().into(),
            created: true,
            what: format!("handler stub {function}"),
        },
    ]
}

fn stub(endpoint: &Endpoint, function: &str, file: &str) -> String {
    let Endpoint {
        name,
        method,
        path,
        handler,
        ..
    } = endpoint;
    format!(
        "
/// `{method} {path}`.
///
/// Registered by `cargo xtask new-endpoint`: not written yet.
pub async fn {function}(
    _state: std::sync::Arc<clientconnect::AppState>,
    _request: lambda_http::Request,
) -> Result<lambda_http::Response<lambda_http::Body>, clientconnect::AppError> {{
    // Parse what the request carries, call one service of the shared crate (its use case
    // and store call), answer. Until then every call fails with this error.
    Err(clientconnect::AppError::internal(
        \"{name} ({method} {path}) has no handler yet: write {handler} in {file}\",
    ))
}}
"
    )
}

/// `source` with `added` as lines before line `at` (0-based), its end of file kept.
fn insert_lines(source: &str, at: usize, added: &[String]) -> String {
    let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
    lines.splice(at..at, added.iter().cloned());
    join_lines(lines, source)
}

fn join_lines(lines: Vec<String>, original: &str) -> String {
    let mut joined = lines.join("\n");
    if original.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

fn report(endpoint: &Endpoint, changes: &[Change]) -> String {
    let mut report = format!(
        "new-endpoint: {} {} {} ({}) registered:\n",
        endpoint.name, endpoint.method, endpoint.path, endpoint.access
    );
    for change in changes {
        let verb = if change.created { "created" } else { "edited " };
        report += &format!("  {verb} {}: {}\n", change.path.display(), change.what);
    }
    let variant = endpoint.variant();
    report += &format!(
        "Still yours to write:
  1. the handler {handler} (it answers 500 until then), its use case in shared/src/service/
     and the store call in shared/src/store/
  2. openapi.json: {method} {path} (the route table's tests fail until it is there)
  3. tests in tests/api/ that call Endpoint::{variant}; run `infra/dev.sh test`, then
     infra/check_template.py prints the policy for what they saw it call (--fill writes it)
  4. infra/bench.py: the event Scene.request measures for {name}
",
        handler = endpoint.handler,
        method = endpoint.method,
        path = endpoint.path,
        name = endpoint.name,
    );
    if !matches!(endpoint.access.as_str(), "Bearer" | "Iam") {
        report += &format!(
            "  5. infra/smoke.py: what {} {} answers without a session (it names the line to add)\n",
            endpoint.method, endpoint.path
        );
    }
    report
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// The files the command reads and writes, copied from this checkout.
    const FIXTURE: &[&str] = &[
        ROUTES,
        FUNCTIONS_MANIFEST,
        WORKSPACE_MANIFEST,
        TEMPLATE,
        "functions/src/api",
        "functions/src/pages.rs",
        "functions/src/bin",
    ];

    /// A temporary copy of the real files; removed when dropped.
    struct Fixture(PathBuf);

    impl Fixture {
        fn new() -> Fixture {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "xtask-new-endpoint-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            ));
            let real = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
            for path in FIXTURE {
                copy(&real.join(path), &dir.join(path));
            }
            Fixture(dir)
        }

        fn read(&self, path: &str) -> String {
            std::fs::read_to_string(self.0.join(path)).unwrap()
        }

        /// Every file, to prove a refusal wrote nothing.
        fn snapshot(&self) -> BTreeMap<PathBuf, String> {
            fn walk(dir: &Path, files: &mut BTreeMap<PathBuf, String>) {
                for entry in std::fs::read_dir(dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        walk(&path, files);
                    } else {
                        files.insert(path.clone(), std::fs::read_to_string(&path).unwrap());
                    }
                }
            }
            let mut files = BTreeMap::new();
            walk(&self.0, &mut files);
            files
        }
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        if from.is_dir() {
            std::fs::create_dir_all(to).unwrap();
            for entry in std::fs::read_dir(from).unwrap() {
                let entry = entry.unwrap();
                copy(&entry.path(), &to.join(entry.file_name()));
            }
        } else {
            std::fs::copy(from, to).unwrap();
        }
    }

    fn endpoint(name: &str, method: &str, path: &str, access: &str, handler: &str) -> Endpoint {
        Endpoint {
            name: name.into(),
            method: method.into(),
            path: path.into(),
            access: access.into(),
            handler: handler.into(),
            description: None,
        }
    }

    fn create_thing() -> Endpoint {
        endpoint(
            "create-thing",
            "POST",
            "/workspaces/{workspace_id}/things",
            "Bearer",
            "api::things::create",
        )
    }

    /// Every line of `before` is still in `after`, in the same order: only insertions.
    fn only_inserted(before: &str, after: &str) -> Vec<String> {
        let mut after_lines = after.lines();
        assert!(
            before
                .lines()
                .all(|line| after_lines.any(|kept| kept == line)),
            "a line was changed or moved"
        );
        let mut before_lines = before.lines().peekable();
        after
            .lines()
            .filter(|line| {
                if before_lines.peek() == Some(line) {
                    before_lines.next();
                    false
                } else {
                    true
                }
            })
            .map(str::to_owned)
            .collect()
    }

    fn router_of(manifest: &str) -> BTreeSet<(String, String, String)> {
        router_routes(manifest).unwrap().into_iter().collect()
    }

    /// The template's function block of `id`, parsed by what `template_resources` finds.
    fn resource_text(template: &str, id: &str) -> String {
        let lines: Vec<&str> = template.lines().collect();
        let resource = template_resources(template)
            .into_iter()
            .find(|resource| resource.id == id)
            .unwrap_or_else(|| panic!("no resource {id}"));
        lines[resource.start..resource.end].join("\n")
    }

    #[test]
    fn writes_every_registration_part_where_its_siblings_are() {
        let fixture = Fixture::new();
        let before: BTreeMap<&str, String> = [
            ROUTES,
            FUNCTIONS_MANIFEST,
            WORKSPACE_MANIFEST,
            TEMPLATE,
            "functions/src/api/mod.rs",
        ]
        .into_iter()
        .map(|path| (path, fixture.read(path)))
        .collect();

        let report = run(&fixture.0, &create_thing()).unwrap();
        assert!(report.contains("openapi.json"), "{report}");

        // The binary names its handler.
        assert_eq!(
            fixture.read("functions/src/bin/create-thing.rs"),
            "//! `POST /workspaces/{workspace_id}/things`.\n\
             clientconnect_functions::lambda_main!(api::things::create);\n"
        );
        // The route table: one row, last, in the shape its tests and the template check read.
        let routes = fixture.read(ROUTES);
        assert_eq!(
            only_inserted(&before[ROUTES], &routes),
            ["    CreateThing \"create-thing\" POST \"/workspaces/{workspace_id}/things\" Bearer => api::things::create;"]
        );
        let table = RouteTable::parse(&routes).unwrap();
        assert_eq!(table.rows.last().unwrap().function, "create-thing");
        // The [[bin]] list, without a test harness.
        let functions = fixture.read(FUNCTIONS_MANIFEST);
        assert_eq!(
            only_inserted(&before[FUNCTIONS_MANIFEST], &functions),
            ["    { name = \"create-thing\", path = \"src/bin/create-thing.rs\", test = false },"]
        );
        assert!(bin_names(&functions).unwrap().contains("create-thing"));
        // The router: the new path, after the others.
        let manifest = fixture.read(WORKSPACE_MANIFEST);
        let mut expected = router_of(&before[WORKSPACE_MANIFEST]);
        expected.insert((
            "POST".into(),
            "/workspaces/{workspace_id}/things".into(),
            "create-thing".into(),
        ));
        assert_eq!(router_of(&manifest), expected);
        // Longer than the longest one-line sibling: one entry a line, as those are.
        assert_eq!(
            only_inserted(&before[WORKSPACE_MANIFEST], &manifest),
            [
                "\"/workspaces/{workspace_id}/things\" = [",
                "    { method = \"POST\", function = \"create-thing\" },",
                "]"
            ]
        );
        // The template: a function with an empty policy and its route, then its log group.
        let template = fixture.read(TEMPLATE);
        let added = only_inserted(&before[TEMPLATE], &template);
        assert_eq!(
            added.iter().filter(|line| line.is_empty()).count(),
            2,
            "{added:#?}"
        );
        let function = resource_text(&template, "CreateThingFunction");
        for line in [
            "      BuildMethod: makefile",
            "      Policies: []",
            "          Type: HttpApi",
            "            Method: POST",
            "            Path: \"/workspaces/{workspace_id}/things\"",
        ] {
            assert!(
                function.lines().any(|got| got == line),
                "{line} missing in\n{function}"
            );
        }
        assert!(!function.contains("Authorizer"));
        assert!(resource_text(&template, "CreateThingLogs")
            .contains("LogGroupName: !Sub \"/aws/lambda/${CreateThingFunction}\""));
        // The handler: a new module, declared in order, whose stub fails until written.
        let stub = fixture.read("functions/src/api/things.rs");
        assert!(stub.contains("pub async fn create("), "{stub}");
        assert!(
            stub.contains("Err(clientconnect::AppError::internal("),
            "{stub}"
        );
        let modules = fixture.read("functions/src/api/mod.rs");
        assert_eq!(
            only_inserted(&before["functions/src/api/mod.rs"], &modules),
            ["pub mod things;"]
        );
        assert!(modules.find("pub mod provisioning;") < modules.find("pub mod things;"));
        assert!(modules.find("pub mod things;") < modules.find("pub mod tokens;"));
    }

    /// Runs `endpoint` on the fixture, which must refuse with as many problems as
    /// `expected` names (each found in one of them) and change nothing.
    fn assert_refused(fixture: &Fixture, endpoint: &Endpoint, expected: &[&str]) {
        let before = fixture.snapshot();
        let problems = run(&fixture.0, endpoint).unwrap_err();
        let all = problems.join("\n");
        assert_eq!(problems.len(), expected.len(), "{all}");
        for part in expected {
            assert!(all.contains(part), "{part:?} not in\n{all}");
        }
        assert_eq!(fixture.snapshot(), before);
    }

    #[test]
    fn a_second_run_refuses_and_changes_nothing() {
        let fixture = Fixture::new();
        run(&fixture.0, &create_thing()).unwrap();
        assert_refused(
            &fixture,
            &create_thing(),
            &[
                "already has a [[bin]] named create-thing",
                "already has a function named create-thing",
                "already has a route CreateThing",
                "functions/src/bin/create-thing.rs already exists",
                "already has a resource CreateThingFunction",
                "already has a resource CreateThingLogs",
                "already routes POST /workspaces/{workspace_id}/things (to create-thing)",
                "functions/src/api/things.rs already has a function create",
            ],
        );
    }

    #[test]
    fn refuses_a_bad_description_listing_every_problem_and_changes_nothing() {
        let bad = endpoint(
            "Create_Thing",
            "FETCH",
            "workspaces//things",
            "Cookie",
            "things::create",
        );
        assert_refused(
            &Fixture::new(),
            &bad,
            &[
                "is not kebab-case",
                "the method FETCH is not one of",
                "does not start with /",
                "\"Cookie\" is unknown: functions/src/routes.rs knows Bearer, Public, Page, Iam",
                "the handler \"things::create\"",
            ],
        );
    }

    #[test]
    fn refuses_a_route_or_handler_that_exists_under_other_names() {
        // The audit's route with its parameter renamed, and its handler.
        let again = endpoint(
            "audit-again",
            "GET",
            "/workspaces/{ws}/audit",
            "Bearer",
            "api::audit::list",
        );
        assert_refused(
            &Fixture::new(),
            &again,
            &[
                "already routes GET /workspaces/{workspace_id}/audit (to list-audit)",
                "functions/src/api/audit.rs already has a function list",
            ],
        );
    }

    #[test]
    fn an_iam_route_on_a_routed_path_joins_its_list_and_gets_the_iam_authorizer() {
        let fixture = Fixture::new();
        let manifest = fixture.read(WORKSPACE_MANIFEST);
        let audit = fixture.read("functions/src/api/audit.rs");
        let mut export = endpoint(
            "export-audit",
            "POST",
            "/workspaces/{workspace_id}/audit",
            "Iam",
            "api::audit::export",
        );
        export.description = Some("Export the audit trail: every line (IAM)".into());
        run(&fixture.0, &export).unwrap();

        // The one-line list becomes one entry a line, as the lists with two entries are.
        let edited = fixture.read(WORKSPACE_MANIFEST);
        assert!(edited.contains(
            "\"/workspaces/{workspace_id}/audit\" = [\n    \
             { method = \"GET\", function = \"list-audit\" },\n    \
             { method = \"POST\", function = \"export-audit\" },\n]\n"
        ));
        let mut expected = router_of(&manifest);
        expected.insert((
            "POST".into(),
            "/workspaces/{workspace_id}/audit".into(),
            "export-audit".into(),
        ));
        assert_eq!(router_of(&edited), expected);
        let function = resource_text(&fixture.read(TEMPLATE), "ExportAuditFunction");
        assert!(
            function.contains("            Auth:\n              Authorizer: AWS_IAM"),
            "{function}"
        );
        assert!(
            function.contains("      Description: \"Export the audit trail: every line (IAM)\""),
            "{function}"
        );
        // The stub joins the module's handlers; the rest of the module is untouched.
        let module = fixture.read("functions/src/api/audit.rs");
        assert!(module.starts_with(&audit));
        assert!(module[audit.len()..].contains("pub async fn export("));
    }

    #[test]
    fn a_page_goes_into_the_pages_module() {
        let fixture = Fixture::new();
        let pages = fixture.read("functions/src/pages.rs");
        run(
            &fixture.0,
            &endpoint("help-page", "GET", "/help", "Page", "pages::help"),
        )
        .unwrap();
        let module = fixture.read("functions/src/pages.rs");
        assert!(module.starts_with(&pages));
        assert!(module[pages.len()..].contains("pub async fn help("));
        let router = fixture.read(WORKSPACE_MANIFEST);
        assert!(router.contains("\n\"/help\" = [{ method = \"GET\", function = \"help-page\" }]\n"));
        assert!(fixture
            .read(ROUTES)
            .contains("    HelpPage \"help-page\" GET \"/help\" Page => pages::help;\n}"));
    }
}
