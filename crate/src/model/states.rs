//! Lifecycle states AWS prints for resources, as the scenario format writes them. A leaf like
//! `rules.rs`: the format layer reads these types, so this file imports nothing of the crate.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An instance's `State.Name` (describe-instances). Only a running instance sends or answers
/// packets (R27); a terminated one is left out when loading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstanceState {
    Pending,
    #[default]
    Running,
    ShuttingDown,
    Stopping,
    Stopped,
}

impl InstanceState {
    /// AWS's spelling, as describe-instances prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceState::Pending => "pending",
            InstanceState::Running => "running",
            InstanceState::ShuttingDown => "shutting-down",
            InstanceState::Stopping => "stopping",
            InstanceState::Stopped => "stopped",
        }
    }

    /// From describe-instances' `State.Name`; `None` for `terminated` and unknown names.
    pub fn from_aws(name: &str) -> Option<InstanceState> {
        [
            InstanceState::Pending,
            InstanceState::Running,
            InstanceState::ShuttingDown,
            InstanceState::Stopping,
            InstanceState::Stopped,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }

    pub fn is_running(self) -> bool {
        self == InstanceState::Running
    }
}

impl fmt::Display for InstanceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
