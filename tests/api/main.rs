//! Integration tests: each Lambda handler is called as the Lambda runtime would call
//! it, against the local AWS server (moto) over HTTP, with a local JWKS issuer. Every
//! response is checked against `openapi.json`.

mod helpers;
mod markup;
mod observed;

mod agency_pages;
mod assignments;
mod authorization;
mod bad_input;
mod batch;
mod benchmarks;
mod brand;
mod choices;
mod clients;
mod connections;
mod delivery;
mod events;
mod fan_out;
mod faults;
mod invitation_flow;
mod key_rotation;
mod lifecycle;
mod links;
mod long_commands;
mod migration;
mod model;
mod pages;
mod provisioning;
mod reminders;
mod renewal;
mod rights;
mod scale;
mod seats;
mod secrecy;
mod two_factor;
mod unreadable;
mod upkeep;
