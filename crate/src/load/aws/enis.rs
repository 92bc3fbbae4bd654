//! Instances and network interfaces. AWS lists an interface in describe-network-interfaces and
//! again inside its instance in describe-instances; each is kept once, and an instance is
//! completed from its primary interface (device index 0).

use super::records::{name_of, EniRec, InstanceRec};
use super::{push_unique, Conv, Located};
use crate::load::scenario::{EniDoc, InstanceDoc};
use crate::model::InstanceState;
use std::collections::HashSet;

/// A network interface as describe-network-interfaces or describe-instances prints it.
pub(super) struct Eni<'a> {
    file: &'a str,
    path: String,
    rec: &'a EniRec,
    id: &'a str,
    pub(super) subnet: Option<&'a str>,
    pub(super) private_ip: Option<&'a str>,
    secondary_ips: Vec<String>,
    /// The instance it is attached to: `Attachment.InstanceId`, or the instance listing it.
    instance: Option<&'a str>,
    device_index: Option<i64>,
}

impl<'a> Eni<'a> {
    pub(super) fn read(
        file: &'a str,
        path: String,
        rec: &'a EniRec,
        listed_by: Option<&'a str>,
    ) -> Eni<'a> {
        let private_ip = rec.private_ip_address.as_deref();
        let mut secondary_ips = Vec::new();
        for a in &rec.private_ip_addresses {
            if let Some(ip) = a.private_ip_address.as_deref() {
                if a.primary != Some(true) && Some(ip) != private_ip {
                    push_unique(&mut secondary_ips, ip);
                }
            }
        }
        let attachment = rec
            .attachment
            .as_ref()
            .filter(|a| !matches!(a.status.as_deref(), Some("detaching" | "detached")));
        Eni {
            file,
            path,
            rec,
            id: &rec.network_interface_id,
            subnet: rec.subnet_id.as_deref(),
            private_ip,
            secondary_ips,
            instance: listed_by.or(attachment.and_then(|a| a.instance_id.as_deref())),
            device_index: attachment.and_then(|a| a.device_index),
        }
    }

    fn name(&self) -> String {
        match name_of(&self.rec.tags) {
            n if n.is_empty() => name_of(&self.rec.tag_set),
            n => n,
        }
    }

    fn groups(&self) -> Vec<String> {
        self.rec.groups.iter().map(|g| g.group_id.clone()).collect()
    }

    fn public_ip(&self) -> Option<String> {
        self.rec
            .association
            .as_ref()
            .and_then(|a| a.public_ip.clone())
    }
}

/// An instance of describe-instances, with its primary interface found.
struct Inst<'a, 'i> {
    loc: &'i Located<'a, InstanceRec>,
    primary_eni: Option<&'a str>,
}

impl<'a, 'i> Conv<'a, 'i, '_> {
    fn owned(&self, e: &Eni<'a>) -> bool {
        matches!(
            e.rec.interface_type.as_deref(),
            Some("nat_gateway" | "vpc_endpoint" | "gateway_load_balancer_endpoint")
        ) || e
            .rec
            .description
            .as_deref()
            .is_some_and(|d| d.starts_with("Interface for NAT Gateway "))
            || self.owned_enis.contains(e.id)
    }

    pub(super) fn instances_and_interfaces(&mut self) {
        let mut terminated: HashSet<&str> = HashSet::new();
        let recs = self.read_instances(&mut terminated);
        let mut instances: HashSet<&str> = HashSet::new();
        for inst in &recs {
            self.instance(inst, &mut instances);
        }
        self.instances_from_interfaces(&terminated, &mut instances);
        self.other_interfaces(&terminated, &instances);
    }

    /// describe-instances: each live instance, and the interfaces it lists that
    /// describe-network-interfaces did not.
    fn read_instances(&mut self, terminated: &mut HashSet<&'a str>) -> Vec<Inst<'a, 'i>> {
        let input = self.input;
        let mut recs = Vec::new();
        for r in &input.instances {
            let id = r.rec.instance_id.as_str();
            if r.rec.state.as_ref().and_then(|s| s.name.as_deref()) == Some("terminated") {
                self.d.warn(
                    id,
                    "State.Name",
                    "the instance is terminated, so it is left out",
                );
                terminated.insert(id);
                continue;
            }
            let mut primary_eni = None;
            for (j, e) in r.rec.network_interfaces.iter().enumerate() {
                let info = Eni::read(
                    r.file,
                    format!("{}.NetworkInterfaces[{j}]", r.path),
                    e,
                    Some(id),
                );
                if info.device_index == Some(0) {
                    primary_eni = Some(info.id);
                }
                match self.eni_pos.get(info.id) {
                    // describe-network-interfaces has the fuller record (tags, type); the
                    // instance only tells which instance it belongs to.
                    Some(&i) => {
                        let known = &mut self.enis[i];
                        known.instance = known.instance.or(Some(id));
                        known.device_index = known.device_index.or(info.device_index);
                    }
                    None => {
                        self.eni_pos.insert(info.id, self.enis.len());
                        self.enis.push(info);
                    }
                }
            }
            let primary_eni = primary_eni.or_else(|| {
                let e = self
                    .enis
                    .iter()
                    .find(|e| e.instance == Some(id) && e.device_index == Some(0));
                e.map(|e| e.id)
            });
            recs.push(Inst {
                loc: r,
                primary_eni,
            });
        }
        recs
    }

    /// An instance from describe-instances, completed by its primary interface.
    fn instance(&mut self, inst: &Inst<'a, '_>, instances: &mut HashSet<&'a str>) {
        let rec = inst.loc.rec;
        let id = rec.instance_id.as_str();
        let p = inst
            .primary_eni
            .and_then(|e| self.eni_pos.get(e))
            .map(|&i| &self.enis[i]);
        let Some(subnet) = rec.subnet_id.as_deref().or(p.and_then(|p| p.subnet)) else {
            inst.loc.missing("SubnetId", self.d);
            return;
        };
        if let Some(p) = p.filter(|p| !p.secondary_ips.is_empty()) {
            let why = format!(
                "secondary private addresses on the primary interface ({}) are not modelled",
                p.secondary_ips.join(", ")
            );
            self.d.unsupported(id, "NetworkInterfaces", why);
        }
        instances.insert(id);
        let groups = rec.security_groups.as_ref();
        let doc = InstanceDoc {
            id: id.to_string(),
            name: name_of(&rec.tags),
            subnet: subnet.to_string(),
            private_ip: rec
                .private_ip_address
                .as_deref()
                .or(p.and_then(|p| p.private_ip))
                .map(String::from),
            public_ip: rec
                .public_ip_address
                .clone()
                .or_else(|| p.and_then(Eni::public_ip)),
            security_groups: p
                .map(Eni::groups)
                .or_else(|| groups.map(|g| g.iter().map(|g| g.group_id.clone()).collect())),
            source_dest_check: rec
                .source_dest_check
                .or(p.and_then(|p| p.rec.source_dest_check))
                .unwrap_or(true),
            eni: inst.primary_eni.map(String::from),
            role_policy: None,
            // R27: terminated instances were left out in `read_instances`.
            state: rec
                .state
                .as_ref()
                .and_then(|s| s.name.as_deref())
                .and_then(InstanceState::from_aws)
                .unwrap_or_default(),
        };
        self.doc.instances.push(doc);
    }

    /// Without describe-instances, an instance is known by its primary interface's attachment.
    fn instances_from_interfaces(
        &mut self,
        terminated: &HashSet<&str>,
        instances: &mut HashSet<&'a str>,
    ) {
        for e in &self.enis {
            let Some(inst) = e.instance else { continue };
            if self.owned(e)
                || e.device_index != Some(0)
                || terminated.contains(inst)
                || instances.contains(inst)
            {
                continue;
            }
            let (Some(subnet), Some(ip)) = (e.subnet, e.private_ip) else {
                continue;
            };
            instances.insert(inst);
            if !e.secondary_ips.is_empty() {
                let why = format!(
                    "secondary private addresses on the primary interface {} ({}) are not modelled",
                    e.id,
                    e.secondary_ips.join(", ")
                );
                self.d.unsupported(inst, "", why);
            }
            self.doc.instances.push(InstanceDoc {
                id: inst.to_string(),
                name: String::new(),
                subnet: subnet.to_string(),
                private_ip: Some(ip.to_string()),
                public_ip: e.public_ip(),
                security_groups: Some(e.groups()),
                source_dest_check: e.rec.source_dest_check.unwrap_or(true),
                eni: Some(e.id.to_string()),
                role_policy: None,
                state: InstanceState::Running,
            });
        }
    }

    /// Every other interface: secondary interfaces of instances, and interfaces of services
    /// the engine knows only as addresses (load balancers, Lambda, EFS, ...).
    fn other_interfaces(&mut self, terminated: &HashSet<&str>, instances: &HashSet<&str>) {
        for e in &self.enis {
            if self.owned(e) {
                continue;
            }
            let mut instance = e.instance;
            if let Some(inst) = instance {
                if terminated.contains(inst) {
                    continue;
                }
                // A primary interface is part of its InstanceDoc.
                let doc = &self.doc;
                if doc
                    .instances
                    .iter()
                    .any(|i| i.id == inst && i.eni.as_deref() == Some(e.id))
                {
                    continue;
                }
                if !instances.contains(inst) {
                    self.d.warn(
                        e.id,
                        "Attachment.InstanceId",
                        format!(
                            "attached to {inst}, whose primary interface and describe-instances record are not \
                             in the input; the interface is kept on its own"
                        ),
                    );
                    instance = None;
                }
            }
            let missing = |key: &str| format!("{}.{key}", e.path);
            let why = "missing (the AWS CLI always prints this field)";
            if e.subnet.is_none() {
                self.d.error(e.file, &missing("SubnetId"), why);
            }
            if e.private_ip.is_none() {
                self.d.error(e.file, &missing("PrivateIpAddress"), why);
            }
            let (Some(subnet), Some(ip)) = (e.subnet, e.private_ip) else {
                continue;
            };
            self.doc.network_interfaces.push(EniDoc {
                id: e.id.to_string(),
                name: e.name(),
                subnet: subnet.to_string(),
                private_ip: ip.to_string(),
                secondary_ips: e.secondary_ips.clone(),
                public_ip: e.public_ip(),
                security_groups: Some(e.groups()),
                source_dest_check: e.rec.source_dest_check.unwrap_or(true),
                instance: instance.map(String::from),
                description: e.rec.description.clone().unwrap_or_default(),
                // R27: `available` means attached to nothing.
                detached: instance.is_none() && e.rec.status.as_deref() == Some("available"),
                interface_type: e
                    .rec
                    .interface_type
                    .clone()
                    .filter(|t| !is_host_interface_type(t)),
                requester_managed: e.rec.requester_managed.unwrap_or(false),
            });
        }
    }
}

/// Interface types that belong to instances (describe-network-interfaces `InterfaceType`):
/// the rest are interfaces AWS manages for a service.
fn is_host_interface_type(t: &str) -> bool {
    matches!(t, "interface" | "efa" | "efa-only" | "trunk" | "branch")
}
