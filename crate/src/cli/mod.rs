//! The command's subcommands that have grown beyond a function or two.

pub mod flows;
pub mod reach;
