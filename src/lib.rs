//! mcpward: a linter and secret scanner for the MCP configuration files of AI
//! clients. Offline and inert: it never starts a configured server, never runs
//! a configured command and never opens a network connection.
//!
//! Data flow: [`discover`] → [`source`] → [`parse`] → [`model`] → [`rules`] →
//! [`report`], driven by [`scan`] and [`cli`].

pub mod baseline;
pub mod catalogue;
pub mod cli;
pub mod clients;
pub mod config;
pub mod discover;
pub mod docs;
pub mod finding;
pub mod fingerprint;
pub mod hook;
pub mod mask;
pub mod model;
pub mod packages;
pub mod parse;
pub mod paths;
pub mod report;
pub mod rules;
pub mod scan;
pub mod secrets;
pub mod shellwords;
pub mod source;
pub mod suggest;
pub mod suppress;
pub mod tools;
