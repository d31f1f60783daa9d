//! The examples' integration tests, in one binary: each example end to end
//! against the emulator, one module per example (`connect` is their base).

mod call_notetaker;
mod connect;
mod deal_notifications;
mod form_intake;
mod form_intake_browser;
mod lead_scoring;
mod product_sync;
mod product_sync_drift;
mod saas_fleet;
mod two_way_sync;
