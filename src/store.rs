//! Every file the program writes: profiles' progress and group sessions, each saved
//! atomically by the one routine of [`profiles`].

pub mod group;
pub mod profiles;
