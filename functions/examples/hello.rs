//! The cold-start floor `infra/dev.sh bench` measures every function against: the
//! smallest `lambda_http` function, built with the same profile and the same
//! single-threaded runtime as ours, answering every request with a fixed text.

use lambda_http::{service_fn, Body, Error, Request, Response};

fn main() -> Result<(), Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(lambda_http::run(service_fn(|_: Request| async {
            Ok::<_, Error>(Response::new(Body::from("hello")))
        })))
}
