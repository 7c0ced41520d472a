//! Every file the program writes: profiles' progress and group sessions, each written
//! atomically by the one routine of [`files`].

pub mod files;
pub mod group;
pub mod profiles;
