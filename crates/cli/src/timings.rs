//! Diagnostics on standard error: log events filtered by `RUST_LOG` (errors only by default), and
//! with `--timings` how long each stage took — the `tracing` spans of the library crates
//! (`unlock`, `prepare`, `sign`, `verify` with `parse`/`signatures`/`revisions`, `render` with
//! `layout`/`paginate`/`write`), one line per span when it closes:
//!
//! ```text
//! timing: verify/signatures 12.4 ms (count=2)
//! ```
//!
//! The path names the span and the spans it runs in; the fields are what the span records
//! (labels, sizes, counts — never a passphrase or key material). With `RUST_LOG` at `info` for a
//! crate, its spans' closing times are logged too (`time.busy`, `time.idle`).

use std::fmt::Write as _;
use std::time::Instant;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::Subscriber;
use tracing_subscriber::filter::{EnvFilter, LevelFilter};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;

/// Installs the global subscriber: the `RUST_LOG` log on standard error, and the span timings
/// when `timings`.
pub fn install(timings: bool) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("error"));
    let log = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_span_events(FmtSpan::CLOSE)
        .with_filter(filter);
    let timings = timings.then(|| SpanTimings.with_filter(LevelFilter::INFO));
    // A second subscriber cannot be installed (only in tests that call this twice): the first
    // one stays.
    let _ = tracing_subscriber::registry()
        .with(log)
        .with(timings)
        .try_init();
}

/// When a span was opened, and its fields as text.
struct Opened {
    at: Instant,
    fields: String,
}

/// Prints each span's wall time, from opening to closing, to standard error.
struct SpanTimings;

impl<S> Layer<S> for SpanTimings
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields(String::new());
        attrs.record(&mut fields);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(Opened {
                at: Instant::now(),
                fields: fields.0,
            });
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else {
            return;
        };
        let extensions = span.extensions();
        let Some(opened) = extensions.get::<Opened>() else {
            return;
        };
        let path: Vec<&str> = span.scope().from_root().map(|s| s.name()).collect();
        let ms = opened.at.elapsed().as_secs_f64() * 1000.0;
        let fields = if opened.fields.is_empty() {
            String::new()
        } else {
            format!(" ({})", opened.fields)
        };
        eprintln!("timing: {} {ms:.1} ms{fields}", path.join("/"));
    }
}

/// A span's fields as `name=value` pairs.
struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        let _ = write!(self.0, "{}={value:?}", field.name());
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        let _ = write!(self.0, "{}={value}", field.name());
    }
}
