//! Every file the program writes: profiles' progress and group sessions, each written by the
//! routines of [`files`]. A profile's progress is a file written whole now and then
//! ([`snapshot`]) and the journal of the changes since ([`journal`]), read together by
//! [`load`].

pub mod files;
pub mod group;
pub mod journal;
mod load;
pub mod lock;
pub mod profiles;
pub mod snapshot;
