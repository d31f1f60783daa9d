//! The fleet against PostgreSQL and the emulator: installations, state,
//! leases, the inbox, OAuth installs, and the fleet harness with worker
//! processes. `postgres` starts the throwaway cluster they share.

mod harness;
mod install;
mod postgres;
mod storage;
