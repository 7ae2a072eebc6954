//! `TestApp`: a workspace of its own on the shared local AWS, a local JWT issuer, one
//! request builder (`app.request(endpoint)…send()`) and one method per endpoint.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use aws_sdk_dynamodb::types::AttributeValue;
use clientconnect::aws::{Aws, AwsClients, Lazy};
use clientconnect::clock::Clock;
use clientconnect::config::{
    Config, JwtConfig, OAuthConfig, Principals, SignInConfig, UpkeepSettings,
};
use clientconnect::deadline::Deadline;
use clientconnect::domain::{
    DisplayName, EmailAddress, Member, MemberStatus, Plan, Role, Workspace, WorkspaceId,
};
use clientconnect::net::{Http, SdkTransport};
use clientconnect::oauth::PlatformOptions;
use clientconnect::AppState;
use clientconnect_functions::routes::Job;

use crate::markup;
use crate::observed::{check_round_trips, Recorder, FUNCTION, ROUND_TRIPS};
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use lambda_http::{Body, Context, Request, RequestExt};
use serde_json::{json, Value};
use time::Duration;
use url::Url;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use local_oauth_provider::{LocalProvider, OidcSettings};

pub const AUDIENCE: &str = "clientconnect-test";
pub(crate) const DEV_KEY: &str = include_str!("../../infra/local-issuer/dev-signing-key.pem");
const DEV_JWKS: &str = include_str!("../../infra/local-issuer/public/jwks.json");
const UNTRUSTED_KEY: &str = include_str!("../fixtures/untrusted-signing-key.pem");
const OPENAPI: &str = include_str!("../../openapi.json");
const TABLE_SHAPE: &str = include_str!("../../infra/table.json");

pub type Item = HashMap<String, AttributeValue>;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

pub fn aws_endpoint() -> String {
    env_or("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")
}

pub fn table_name() -> String {
    env_or("TABLE_NAME", "clientconnect-local")
}

pub fn verified_sender() -> String {
    env_or("SENDER_EMAIL", "invitations@clientconnect.test")
}

/// Everything every test process logs, captured from the same JSON subscriber the
/// functions use.
pub fn captured_logs() -> String {
    String::from_utf8_lossy(&log_buffer().lock().unwrap()).into_owned()
}

fn log_buffer() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&buffer);
        clientconnect::telemetry::init_with_writer(move || LogSink(Arc::clone(&sink)));
        buffer
    })
}

struct LogSink(Arc<Mutex<Vec<u8>>>);

impl Write for LogSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // TEST_LOG_ECHO=1 also prints every log line (debugging a failing test).
        static ECHO: OnceLock<bool> = OnceLock::new();
        if *ECHO.get_or_init(|| std::env::var_os("TEST_LOG_ECHO").is_some()) {
            eprint!("{}", String::from_utf8_lossy(bytes));
        }
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub sub: String,
    pub email: String,
}

impl User {
    /// Someone who signs in on the pages at the local provider, whose `sub` it derives
    /// from the email.
    pub fn signing_in_locally(label: &str) -> Self {
        use sha2::Digest;
        let email = Self::new(label).email;
        let digest = sha2::Sha256::digest(email.as_bytes());
        let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        Self {
            sub: format!("local-{}", &hex[..16]),
            email,
        }
    }

    pub fn new(label: &str) -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string();
        Self {
            sub: format!("{label}-{id}"),
            email: format!("{label}-{id}@example.com"),
        }
    }
}

/// The endpoints, as the route table of the functions crate lists them.
pub use clientconnect_functions::routes::Route as Endpoint;

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub headers: lambda_http::http::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The seconds its `Retry-After` header asks to wait.
    pub fn retry_after(&self) -> i64 {
        self.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    }

    pub fn problem_type(&self) -> &str {
        self.body["type"]
            .as_str()
            .unwrap_or_default()
            .trim_start_matches(clientconnect::error::PROBLEM_BASE)
    }

    #[track_caller]
    pub fn assert_problem(&self, status: u16, slug: &str) {
        assert_eq!(
            (self.status, self.content_type.as_str(), self.problem_type()),
            (status, "application/problem+json", slug),
            "unexpected reply: {:#}",
            self.body
        );
    }

    #[track_caller]
    pub fn assert_ok(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "unexpected reply: {:#}", self.body);
        &self.body
    }
}

/// How long a job's invocation may run in the tests (as its template timeout).
pub const JOB_TIME: std::time::Duration = std::time::Duration::from_secs(60);

pub struct TestApp {
    pub state: Arc<AppState>,
    pub dynamo: aws_sdk_dynamodb::Client,
    pub workspace: WorkspaceId,
    pub owner: User,
    pub issuer: MockServer,
    pub provider: LocalProvider,
    /// The table this app's functions use: the shared one, or its own.
    pub table: String,
    /// The upkeep queue of this app (its own, so no test takes another's work).
    pub queue: String,
    /// Every state this app builds tells time by this clock (tests move it).
    pub clock: Clock,
    http: reqwest::Client,
}

pub struct Setup {
    pub plan: Plan,
    pub seats: u32,
    pub sender: String,
    pub clients_may_disconnect: bool,
    /// A table of its own, for tests of what reads the whole table's indexes (the
    /// upkeep's due index) and must not meet other tests' items.
    pub own_table: bool,
    pub limits: clientconnect::config::Limits,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            plan: Plan::Team,
            seats: 10,
            sender: verified_sender(),
            clients_may_disconnect: true,
            own_table: false,
            limits: Default::default(),
        }
    }
}

/// Creates a table shaped as `infra/table.json` says (as local.py does for the shared
/// one).
pub async fn create_table(dynamo: &aws_sdk_dynamodb::Client, name: &str) {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType,
        Projection, ProjectionType, ScalarAttributeType, TimeToLiveSpecification,
    };
    let shape: Value = serde_json::from_str(TABLE_SHAPE).unwrap();
    let keys = |schema: &Value| -> Vec<KeySchemaElement> {
        schema
            .as_array()
            .unwrap()
            .iter()
            .map(|key| {
                KeySchemaElement::builder()
                    .attribute_name(key["AttributeName"].as_str().unwrap())
                    .key_type(KeyType::from(key["KeyType"].as_str().unwrap()))
                    .build()
                    .unwrap()
            })
            .collect()
    };
    let mut create = dynamo
        .create_table()
        .table_name(name)
        .billing_mode(BillingMode::PayPerRequest)
        .set_key_schema(Some(keys(&shape["KeySchema"])));
    for attribute in shape["AttributeDefinitions"].as_array().unwrap() {
        create = create.attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(attribute["AttributeName"].as_str().unwrap())
                .attribute_type(ScalarAttributeType::from(
                    attribute["AttributeType"].as_str().unwrap(),
                ))
                .build()
                .unwrap(),
        );
    }
    for index in shape["GlobalSecondaryIndexes"].as_array().unwrap() {
        create = create.global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name(index["IndexName"].as_str().unwrap())
                .set_key_schema(Some(keys(&index["KeySchema"])))
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::from(
                            index["Projection"]["ProjectionType"].as_str().unwrap(),
                        ))
                        .build(),
                )
                .build()
                .unwrap(),
        );
    }
    create.send().await.expect("table created");
    dynamo
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .enabled(true)
                .attribute_name(shape["TimeToLiveAttribute"].as_str().unwrap())
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("TTL enabled");
}

/// AWS clients whose calls are recorded per function (see `observed`).
fn recorded_clients(aws: &Arc<Aws>) -> AwsClients {
    AwsClients {
        dynamodb: Lazy::adjusted(aws, |config: aws_sdk_dynamodb::config::Builder| {
            config.interceptor(Recorder)
        }),
        ses: Lazy::adjusted(aws, |config: aws_sdk_sesv2::config::Builder| {
            config.interceptor(Recorder)
        }),
        secrets_manager: Lazy::adjusted(aws, |config: aws_sdk_secretsmanager::config::Builder| {
            config.interceptor(Recorder)
        }),
        eventbridge: Lazy::adjusted(aws, |config: aws_sdk_eventbridge::config::Builder| {
            config.interceptor(Recorder)
        }),
        sqs: Lazy::adjusted(aws, |config: aws_sdk_sqs::config::Builder| {
            config.interceptor(Recorder)
        }),
    }
}

/// A state as a function builds it, over local AWS, with every AWS call recorded, on
/// `clock`.
pub async fn state_for(config: Config, clock: &Clock) -> AppState {
    let http = Http::default();
    let aws = Aws::with_config(http.clone(), sdk_config_over(&http).await);
    let mut state = AppState::new(config, http, recorded_clients(&aws));
    state.clock = clock.clone();
    state
}

/// A queue of its own for one app's upkeep, as the template's upkeep queue (local AWS
/// has no event source mapping: the tests hand its messages to the worker).
async fn upkeep_queue(sdk: &aws_config::SdkConfig) -> String {
    aws_sdk_sqs::Client::new(sdk)
        .create_queue()
        .queue_name(format!("upkeep-{}", uuid::Uuid::new_v4().simple()))
        .send()
        .await
        .expect("the upkeep queue is created")
        .queue_url
        .expect("a queue has a URL")
}

pub async fn sdk_config() -> aws_config::SdkConfig {
    sdk_config_over(&Http::default()).await
}

async fn sdk_config_over(http: &Http) -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .http_client(SdkTransport::new(http.clone()))
        // Local AWS serves one request at a time (all-or-nothing transactions), so on a
        // busy 2-core machine a large scan may wait its turn for seconds: that is not a
        // stalled stream.
        .stalled_stream_protection(
            aws_config::stalled_stream_protection::StalledStreamProtectionConfig::disabled(),
        )
        .endpoint_url(aws_endpoint())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
            "local", "local", None, None, "tests",
        ))
        .load()
        .await
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(Setup::default()).await
    }

    /// With a table of its own, for tests that read a whole partition or index
    /// (the outbox, the due index) and must not see other tests' items.
    pub async fn with_own_table() -> Self {
        Self::spawn_with(Setup {
            own_table: true,
            ..Setup::default()
        })
        .await
    }

    pub async fn spawn_with(setup: Setup) -> Self {
        log_buffer();
        let issuer = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/jwks.json"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(DEV_JWKS, "application/json"))
            .mount(&issuer)
            .await;
        let provider = LocalProvider::start(OidcSettings {
            issuer: issuer.uri(),
            client_id: AUDIENCE.into(),
            signing_key_pem: DEV_KEY.into(),
            key_id: "local-dev-1".into(),
        })
        .await;
        let sdk = sdk_config().await;
        let dynamo = aws_sdk_dynamodb::Client::new(&sdk);
        let table = if setup.own_table {
            let name = format!("clientconnect-{}", uuid::Uuid::new_v4().simple());
            create_table(&dynamo, &name).await;
            name
        } else {
            table_name()
        };
        let queue = upkeep_queue(&sdk).await;
        let clock = Clock::default();
        let config = Config {
            limits: setup.limits,
            ..config_for(&issuer, &provider, &setup.sender, &table, &queue)
        };
        let state = state_for(config, &clock).await;
        let app = Self {
            state: Arc::new(state),
            dynamo,
            table,
            queue,
            clock,
            workspace: format!("ws-{}", uuid::Uuid::new_v4().simple())
                .parse()
                .unwrap(),
            owner: User::new("owner"),
            issuer,
            provider,
            http: reqwest::Client::new(),
        };
        app.state
            .store
            .put_workspace(&Workspace {
                id: app.workspace.clone(),
                name: DisplayName::parse("Acme Social").unwrap(),
                plan: setup.plan,
                seats: setup.seats,
                clients_may_disconnect: setup.clients_may_disconnect,
                logo_url: None,
                display_name: None,
                accent_colour: None,
                language: Default::default(),
                reminders: true,
            })
            .await
            .expect("workspace seeded");
        app.add_member(&app.owner, Role::Owner).await;
        app
    }

    /// Another state on the same issuer and table, e.g. with a different SES sender.
    pub async fn state_with_sender(&self, sender: &str) -> Arc<AppState> {
        let config = config_for(
            &self.issuer,
            &self.provider,
            sender,
            &self.table,
            &self.queue,
        );
        Arc::new(state_for(config, &self.clock).await)
    }

    /// A container of this deployment whose configuration `change` alters (a missing
    /// secret, say), for what a misconfigured or failing deployment does.
    pub async fn container_with(&self, change: impl FnOnce(&mut Config)) -> Arc<AppState> {
        let mut config = config_for(
            &self.issuer,
            &self.provider,
            &verified_sender(),
            &self.table,
            &self.queue,
        );
        change(&mut config);
        Arc::new(state_for(config, &self.clock).await)
    }

    /// One run of `job` with `state` on `event`, as its Lambda function would run it
    /// (with a minute to go); its report (its AWS round trips checked against the
    /// README).
    pub(crate) async fn run_job(&self, job: Job, state: Arc<AppState>, event: Value) -> Value {
        let (report, calls) = self
            .run_job_within(job, state, event, Deadline::after(JOB_TIME))
            .await;
        crate::observed::check_round_trips(job.function(), &calls);
        report
    }

    /// One run of `job` that must finish by `deadline`: its report, and the AWS calls it
    /// made (not checked: the caller knows how many it worked on).
    pub(crate) async fn run_job_within(
        &self,
        job: Job,
        state: Arc<AppState>,
        event: Value,
        deadline: Deadline,
    ) -> (Value, Vec<String>) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let report = ROUND_TRIPS
            .scope(
                Arc::clone(&calls),
                FUNCTION.scope(job.function(), job.call(state, event, deadline)),
            )
            .await
            .expect("the job runs");
        let calls = calls.lock().unwrap().clone();
        (report, calls)
    }

    /// Deletes this app's own table: thousands of seeded items would slow every later
    /// test's local AWS.
    pub(crate) async fn drop_table(&self) {
        self.dynamo
            .delete_table()
            .table_name(&self.table)
            .send()
            .await
            .expect("the table is dropped");
    }

    /// How many emails to `to` have a subject containing `about`.
    pub(crate) async fn emails_about(&self, to: &str, about: &str) -> usize {
        self.emails_to(to)
            .await
            .iter()
            .filter(|email| email.subject.contains(about))
            .count()
    }

    /// The state of another cold container of the same deployment (its own caches).
    pub async fn another_container(&self) -> Arc<AppState> {
        self.state_with_sender(&verified_sender()).await
    }

    pub async fn add_member(&self, user: &User, role: Role) {
        self.add_member_to(&self.workspace, user, role).await;
    }

    pub async fn add_member_to(&self, workspace: &WorkspaceId, user: &User, role: Role) {
        self.state
            .store
            .put_member(&Member {
                workspace_id: workspace.clone(),
                user_id: user.sub.parse().unwrap(),
                email: EmailAddress::parse(&user.email).unwrap(),
                name: DisplayName::parse(&format!("{role:?} {}", &user.sub[..8])).ok(),
                role,
                status: MemberStatus::Active,
                client_id: None,
                person_id: None,
                narrowing: Default::default(),
                language: Default::default(),
            })
            .await
            .unwrap();
    }

    // ----- tokens -----

    pub fn token_for(&self, user: &User) -> String {
        self.sign(self.claims(user), DEV_KEY)
    }

    pub fn claims(&self, user: &User) -> Value {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        json!({
            "iss": self.issuer.uri(), "aud": AUDIENCE, "sub": user.sub,
            "email": user.email, "email_verified": true, "iat": now, "exp": now + 600,
        })
    }

    pub fn sign(&self, claims: Value, key_pem: &str) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some("local-dev-1".into());
        encode(
            &header,
            &claims,
            &EncodingKey::from_rsa_pem(key_pem.as_bytes()).unwrap(),
        )
        .unwrap()
    }

    pub fn sign_untrusted(&self, claims: Value) -> String {
        self.sign(claims, UNTRUSTED_KEY)
    }

    // ----- calling the functions -----

    /// A request to `endpoint` on this app's state, as API Gateway would hand it over:
    /// add its parameters, body and credentials, then `send` it.
    pub fn request(&self, endpoint: Endpoint) -> Call<'_> {
        Call {
            app: self,
            endpoint,
            state: Arc::clone(&self.state),
            params: Vec::new(),
            query: Vec::new(),
            body: None,
            content_type: "application/json",
            headers: Vec::new(),
            iam_principal: None,
        }
    }

    /// A request of the workspace's owner to `endpoint` in the test's workspace.
    pub fn by_owner(&self, endpoint: Endpoint) -> Call<'_> {
        self.request(endpoint)
            .in_workspace(&self.workspace)
            .by(&self.owner)
    }
}

/// One request to a function, built up from `TestApp::request` and sent with `send`.
#[must_use = "a request is made only when it is sent"]
pub struct Call<'a> {
    app: &'a TestApp,
    endpoint: Endpoint,
    state: Arc<AppState>,
    params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    body: Option<String>,
    content_type: &'static str,
    headers: Vec<(String, String)>,
    iam_principal: Option<String>,
}

impl Call<'_> {
    /// A path parameter: `value` in place of `{name}` in the route's path.
    pub fn param(mut self, name: &str, value: &str) -> Self {
        self.params.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The `{workspace_id}` of the route's path.
    pub fn in_workspace(self, workspace: &WorkspaceId) -> Self {
        self.param("workspace_id", workspace.as_str())
    }

    pub fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Every query parameter of `url` (where a browser was sent).
    pub fn query_of(mut self, url: &Url) -> Self {
        self.query.extend(url.query_pairs().into_owned());
        self
    }

    /// A JSON body (none for `None`).
    pub fn json<'v>(mut self, body: impl Into<Option<&'v Value>>) -> Self {
        self.body = body.into().map(Value::to_string);
        self
    }

    /// A body sent as it is, JSON or not.
    pub fn body(mut self, text: &str) -> Self {
        self.body = Some(text.to_owned());
        self
    }

    /// A form a browser posts, already encoded.
    pub fn form(mut self, encoded: String) -> Self {
        self.body = Some(encoded);
        self.content_type = "application/x-www-form-urlencoded";
        self
    }

    /// `Authorization: Bearer <token>`.
    pub fn bearer(mut self, token: &str) -> Self {
        self.headers
            .push(("authorization".into(), format!("Bearer {token}")));
        self
    }

    /// By `user`, with a fresh token the issuer signed.
    pub fn by(self, user: &User) -> Self {
        let token = self.app.token_for(user);
        self.bearer(&token)
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Through API Gateway's IAM authorizer, which let `principal_arn` in (its verdict
    /// travels in the request context, never in a header).
    pub fn by_iam_principal(mut self, principal_arn: &str) -> Self {
        self.iam_principal = Some(principal_arn.to_owned());
        self
    }

    /// To the function running on `state` (another container, a misconfigured one)
    /// instead of the app's.
    pub fn on(mut self, state: Arc<AppState>) -> Self {
        self.state = state;
        self
    }

    /// Calls the function's handler as the Lambda runtime would (its AWS round trips
    /// checked against the README), and checks the reply against `openapi.json`.
    pub async fn send(self) -> Reply {
        let endpoint = self.endpoint;
        let (method, template) = (endpoint.method(), endpoint.path());
        let mut uri = template.to_owned();
        for (name, value) in &self.params {
            uri = uri.replace(&format!("{{{name}}}"), value);
        }
        let mut builder = lambda_http::http::Request::builder()
            .method(method.clone())
            .uri(format!("https://api.example.test{uri}"))
            .header("content-type", self.content_type);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let mut context = Context::default();
        context.request_id = uuid::Uuid::new_v4().to_string();
        // As API Gateway's integration timeout gives it: 30 seconds from now.
        context.deadline = (std::time::SystemTime::now() + std::time::Duration::from_secs(30))
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_millis() as u64);
        let mut request: Request = builder
            .body(self.body.map_or(Body::Empty, Body::Text))
            .unwrap()
            .with_path_parameters(to_map(&self.params))
            .with_query_string_parameters(to_map(&self.query))
            .with_lambda_context(context);
        if let Some(arn) = &self.iam_principal {
            request = request.with_request_context(iam_context(arn));
        }

        let calls = Arc::new(Mutex::new(Vec::new()));
        let response = ROUND_TRIPS
            .scope(
                Arc::clone(&calls),
                FUNCTION.scope(endpoint.function(), endpoint.call(self.state, request)),
            )
            .await;
        check_round_trips(endpoint.function(), &calls.lock().unwrap());
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = match response.body() {
            Body::Text(text) if content_type.starts_with("text/html") => {
                Value::String(text.clone())
            }
            Body::Text(text) => serde_json::from_str(text).expect("every response is JSON"),
            Body::Empty => Value::Null,
            other => panic!("unexpected body {other:?}"),
        };
        let reply = Reply {
            status,
            content_type,
            headers: response.headers().clone(),
            body,
        };
        check_against_openapi(method.as_str(), template, &reply);
        reply
    }
}

impl TestApp {
    // ----- one method per endpoint, as the agency or the client calls it -----

    pub async fn invite(&self, as_user: &User, body: Value) -> Reply {
        let token = self.token_for(as_user);
        self.invite_in(&self.workspace, &token, body).await
    }

    pub async fn invite_in(&self, workspace: &WorkspaceId, bearer: &str, body: Value) -> Reply {
        self.request(Endpoint::CreateInvite)
            .in_workspace(workspace)
            .json(&body)
            .bearer(bearer)
            .send()
            .await
    }

    pub async fn list(&self, as_user: &User, query: &[(&str, &str)]) -> Reply {
        let mut request = self
            .request(Endpoint::ListInvites)
            .in_workspace(&self.workspace)
            .by(as_user);
        for (name, value) in query {
            request = request.query(name, value);
        }
        request.send().await
    }

    pub async fn act_on(
        &self,
        endpoint: Endpoint,
        as_user: &User,
        workspace: &WorkspaceId,
        id: &str,
    ) -> Reply {
        let id_name = match endpoint {
            Endpoint::RemoveClient => "client_id",
            _ => "invitation_id",
        };
        self.request(endpoint)
            .in_workspace(workspace)
            .param(id_name, id)
            .by(as_user)
            .send()
            .await
    }

    pub async fn resend(&self, as_user: &User, id: &str) -> Reply {
        self.act_on(Endpoint::ResendInvite, as_user, &self.workspace, id)
            .await
    }

    pub async fn revoke(&self, as_user: &User, id: &str) -> Reply {
        self.act_on(Endpoint::RevokeInvite, as_user, &self.workspace, id)
            .await
    }

    pub async fn remove(&self, as_user: &User, id: &str) -> Reply {
        self.act_on(Endpoint::RemoveClient, as_user, &self.workspace, id)
            .await
    }

    pub async fn preview(&self, link_token: &str) -> Reply {
        self.request(Endpoint::PreviewInvite)
            .json(&json!({ "token": link_token }))
            .send()
            .await
    }

    pub async fn accept(&self, as_user: &User, link_token: &str) -> Reply {
        self.accept_with(&self.token_for(as_user), link_token).await
    }

    pub async fn accept_with(&self, bearer: &str, link_token: &str) -> Reply {
        self.request(Endpoint::AcceptInvite)
            .json(&json!({ "token": link_token }))
            .bearer(bearer)
            .send()
            .await
    }

    /// Invites `client` as the owner with default permissions and returns the
    /// invitation id and the token from the link in the email.
    pub async fn invite_and_read_link(&self, client: &User) -> (String, String) {
        let reply = self
            .invite(&self.owner, json!({ "email": client.email }))
            .await;
        let id = reply.assert_ok(201)["id"].as_str().unwrap().to_owned();
        (id, self.latest_link_token(&client.email).await)
    }

    /// The workspace's audit trail as its owner reads it, newest first.
    pub async fn audit_trail(&self) -> Vec<Value> {
        let trail = self.by_owner(Endpoint::ListAudit).send().await;
        trail.assert_ok(200)["items"]
            .as_array()
            .expect("the trail lists items")
            .clone()
    }

    // ----- what local AWS holds -----

    /// Emails the local SES sent to `to`, oldest first (SES keeps the HTML part).
    pub async fn emails_to(&self, to: &str) -> Vec<SentEmail> {
        let messages: Value = self
            .http
            .get(format!("{}/_local/ses/messages", aws_endpoint()))
            .query(&[("to", to)])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        messages
            .as_array()
            .into_iter()
            .flatten()
            .map(|message| SentEmail {
                subject: message["subject"].as_str().unwrap_or_default().to_owned(),
                body: message["body"].as_str().unwrap_or_default().to_owned(),
                source: message["source"].as_str().unwrap_or_default().to_owned(),
            })
            .collect()
    }

    pub async fn latest_link_token(&self, to: &str) -> String {
        let emails = self.emails_to(to).await;
        let email = emails
            .last()
            .unwrap_or_else(|| panic!("no email was sent to {to}"));
        email.link_token()
    }

    /// Every item that belongs to this test's workspace, in a stable order.
    pub async fn snapshot(&self) -> Vec<Item> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let output = self
                .dynamo
                .scan()
                .table_name(&self.table)
                .filter_expression("workspace_id = :ws")
                .expression_attribute_values(
                    ":ws",
                    AttributeValue::S(self.workspace.as_str().into()),
                )
                .set_exclusive_start_key(start)
                .consistent_read(true)
                .send()
                .await
                .unwrap();
            items.extend(output.items().iter().cloned());
            match output.last_evaluated_key() {
                Some(key) if !key.is_empty() => start = Some(key.clone()),
                _ => break,
            }
        }
        items.sort_by_key(|item| format!("{:?}{:?}", item.get("pk"), item.get("sk")));
        items
    }

    pub async fn all_table_items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let output = self
                .dynamo
                .scan()
                .table_name(&self.table)
                .set_exclusive_start_key(start)
                .send()
                .await
                .unwrap();
            items.extend(output.items().iter().cloned());
            match output.last_evaluated_key() {
                Some(key) if !key.is_empty() => start = Some(key.clone()),
                _ => break,
            }
        }
        items
    }

    /// Moves an invitation's expiry into the past, as if 7 days had gone by but
    /// DynamoDB TTL had not deleted anything yet.
    pub async fn age_past_expiry(&self, invitation_id: &str) {
        let past = (time::OffsetDateTime::now_utc() - Duration::minutes(1)).unix_timestamp();
        self.set_on_item(
            &format!("INVITE#{invitation_id}"),
            "expires_at",
            AttributeValue::N(past.to_string()),
        )
        .await;
    }

    /// Sets `attribute` of the workspace's item `sk` to `value`, straight on the table,
    /// past every use case (what time, an outside writer or a later feature would do).
    pub async fn set_on_item(&self, sk: &str, attribute: &str, value: AttributeValue) {
        self.dynamo
            .update_item()
            .table_name(&self.table)
            .key(
                "pk",
                AttributeValue::S(format!("WS#{}", self.workspace.as_str())),
            )
            .key("sk", AttributeValue::S(sk.to_owned()))
            .update_expression("SET #attribute = :value")
            .expression_attribute_names("#attribute", attribute)
            .expression_attribute_values(":value", value)
            .send()
            .await
            .unwrap();
    }

    pub async fn client_memberships(&self, user: &User) -> Vec<Item> {
        self.snapshot()
            .await
            .into_iter()
            .filter(|item| {
                item["sk"]
                    .as_s()
                    .is_ok_and(|sk| sk == &format!("MEMBER#{}", user.sub))
            })
            .collect()
    }
}

pub struct SentEmail {
    pub subject: String,
    pub body: String,
    pub source: String,
}

impl SentEmail {
    /// The first link in the email, as a browser reads it.
    pub fn link(&self) -> Url {
        let href = markup::first_link(&self.body).expect("the email has a link");
        Url::parse(&href).expect("the link is a URL")
    }

    /// The `token` of the link, taken as a person's click would.
    pub fn link_token(&self) -> String {
        self.link()
            .query_pairs()
            .find(|(name, _)| name == "token")
            .map(|(_, value)| value.into_owned())
            .expect("the link carries a token")
    }
}

fn iam_context(arn: &str) -> lambda_http::request::RequestContext {
    use lambda_http::aws_lambda_events::apigw::{
        ApiGatewayRequestAuthorizer, ApiGatewayRequestAuthorizerIamDescription,
        ApiGatewayV2httpRequestContext,
    };
    let mut iam = ApiGatewayRequestAuthorizerIamDescription::default();
    iam.user_arn = Some(arn.to_owned());
    iam.account_id = Some("123456789012".into());
    let mut authorizer = ApiGatewayRequestAuthorizer::default();
    authorizer.iam = Some(iam);
    let mut context = ApiGatewayV2httpRequestContext::default();
    context.authorizer = Some(authorizer);
    lambda_http::request::RequestContext::ApiGatewayV2(context)
}

fn to_map(pairs: &[(String, String)]) -> HashMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(name, value)| (name.clone(), vec![value.clone()]))
        .collect()
}

fn config_for(
    issuer: &MockServer,
    provider: &LocalProvider,
    sender: &str,
    table: &str,
    queue: &str,
) -> Config {
    Config {
        table_name: table.to_owned(),
        sender_email: sender.to_owned(),
        ses_configuration_set: None,
        public_base_url: Url::parse("https://clients.acme.example").unwrap(),
        jwt: JwtConfig {
            issuer: issuer.uri(),
            audience: AUDIENCE.into(),
            jwks_url: Url::parse(&format!("{}/jwks.json", issuer.uri())).unwrap(),
            second_factor_acr: Vec::new(),
        },
        oauth: OAuthConfig {
            api_base_url: Url::parse("https://api.acme.example").unwrap(),
            platforms: PlatformOptions {
                local_provider: Some(provider.base_url()),
                // As a LinkedIn app with the Community Management API.
                linkedin_organizations: true,
                ..PlatformOptions::default()
            },
            credentials_secret_id: "clientconnect/platform-credentials".into(),
            sealing_key_secret_id: "clientconnect/token-encryption-key".into(),
            secure_cookies: true,
        },
        sign_in: Some(SignInConfig {
            authorize_url: provider.base_url().join("oidc/authorize").unwrap(),
            token_url: provider.base_url().join("oidc/token").unwrap(),
        }),
        invitation_validity: Duration::days(7),
        retention_after_expiry: Duration::days(30),
        limits: Default::default(),
        event_bus: "default".into(),
        audit_retention: Duration::days(400),
        // Logos are served by a local server over plain http, as in local runs.
        loopback_logos: true,
        upkeep: UpkeepSettings {
            queue_url: Some(queue.to_owned()),
            // Twenty containers waiting on one renewal against a local AWS that serves
            // one request at a time, on a loaded CI machine, must not run out of time:
            // only the test of the budget itself runs with the deployed six seconds.
            token_service_budget: std::time::Duration::from_secs(25),
            ..UpkeepSettings::default()
        },
        // The publishing service's role: every session of it gets tokens.
        token_service_principals: Principals::parse(PUBLISHING_ROLE).unwrap(),
    }
}

/// The role of the host's publishing service, the one principal the token service
/// serves in the tests.
const PUBLISHING_ROLE: &str = "arn:aws:iam::123456789012:role/publisher";

/// The reply's status must be documented for the route, and its body must match the
/// documented schema.
fn check_against_openapi(method: &str, template: &str, reply: &Reply) {
    static DOC: OnceLock<Value> = OnceLock::new();
    let doc = DOC.get_or_init(|| serde_json::from_str(OPENAPI).expect("openapi.json parses"));
    let operation = &doc["paths"][template][method.to_lowercase()];
    assert!(
        operation.is_object(),
        "{method} {template} is not in openapi.json"
    );
    let documented = &operation["responses"][reply.status.to_string()];
    assert!(
        documented.is_object(),
        "{method} {template} answered {} which openapi.json does not document: {:#}",
        reply.status,
        reply.body
    );
    if documented.get("content").is_none() {
        assert!(
            reply.body.is_null(),
            "{method} {template} {} documents no body",
            reply.status
        );
        return;
    }
    let media_type = reply
        .content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim();
    let content = &documented["content"][media_type];
    assert!(
        content.is_object(),
        "{method} {template} {} answered {} which openapi.json does not document",
        reply.status,
        reply.content_type
    );
    let mut schema = content["schema"].clone();
    schema["components"] = doc["components"].clone();
    let validator = jsonschema::validator_for(&schema).expect("the documented schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&reply.body)
        .map(|error| format!("{} at {}", error, error.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{method} {template} {} does not match openapi.json: {errors:?}\n{:#}",
        reply.status,
        reply.body
    );
}
