//! Interfaces: sending, arriving, local delivery, and appliances with the source/destination check (R7, R24).

use super::*;

impl Walker<'_> {
    /// A packet leaves an interface: its groups (R9), then the subnet boundary (R7) and routing.
    pub(super) fn send_from_eni(&mut self, eni: EniIdx, pkt: Header, ctx: Ctx) -> Step {
        self.groups(eni, Direction::Egress, pkt, ctx)?;
        let e = &self.net.enis[eni.i()];
        let subnet = e.subnet;
        let vpc = e.vpc;
        if self.net.subnets[subnet.i()].cidr.contains(&pkt.dst) {
            // R7: inside one subnet there is no route table and no ACL.
            return match self.ix.eni_by_ip.get(&(vpc, pkt.dst)).copied() {
                Some(d) => self.arrive_eni(d, pkt, ctx),
                None => {
                    let sid = self.net.subnets[subnet.i()].id.clone();
                    Err(self.block(
                        &sid,
                        "subnet",
                        Code::NoPossibleDestination,
                        format!("No interface in subnet {sid} has the address {}.", pkt.dst),
                        pkt,
                        None,
                    ))
                }
            };
        }
        self.nacl(subnet, Direction::Egress, pkt)?;
        self.route_from(subnet, pkt, ctx)
    }

    /// A packet reaches an interface (after the ACL of its subnet, if it crossed one).
    pub(super) fn arrive_eni(&mut self, eni: EniIdx, pkt: Header, ctx: Ctx) -> Step {
        let e = &self.net.enis[eni.i()];
        let eid = e.id.clone();
        let (vpc_id, subnet_id) = (
            self.net.vpcs[e.vpc.i()].id.clone(),
            self.net.subnets[e.subnet.i()].id.clone(),
        );
        if let EniOwner::NatGateway(n) = e.owner {
            let nat = &self.net.nat_gateways[n.i()];
            let nid = nat.id.clone();
            if let Some(st) = self.nat.filter(|s| s.nat == n && self.leg == Leg::Return) {
                // The reply to a translated flow: undo the translation (R14).
                let back = Header {
                    dst: st.orig_src,
                    dst_port: st.orig_port,
                    ..pkt
                };
                let h = self.hop(
                    &nid,
                    "nat-gateway",
                    Action::Translate,
                    format!(
                        "{nid} maps the reply back to the original source {}.",
                        st.orig_src
                    ),
                    pkt,
                );
                h.header_out = back;
                h.vpc = Some(vpc_id);
                h.subnet = Some(subnet_id);
                let ctx = Ctx {
                    sender: None,
                    ..ctx
                };
                return self.send_from_eni(eni, back, ctx);
            }
            return Err(self.block(&nid, "nat-gateway", Code::NoPossibleDestination, format!("{nid} is a NAT gateway: it does not accept connections started from outside (R15)."), pkt, None));
        }
        self.groups(eni, Direction::Ingress, pkt, ctx)?;
        let label = self.eni_label(eni);
        let verb = if self.leg == Leg::Forward {
            "The packet reaches"
        } else {
            "The reply reaches"
        };
        let h = self.hop(
            &eid,
            "eni",
            Action::Deliver,
            format!("{verb} {label} ({}).", pkt.dst),
            pkt,
        );
        h.vpc = Some(vpc_id);
        h.subnet = Some(subnet_id);
        if let EniOwner::InterfaceEndpoint(v) = self.net.enis[eni.i()].owner {
            if self.leg == Leg::Forward {
                let ep = &self.net.endpoints[v.i()];
                let (id, svc) = (ep.id.clone(), ep.service.clone());
                self.hop(
                    &id,
                    "interface-endpoint",
                    Action::Deliver,
                    format!("Interface endpoint {id} hands the request to {svc} over PrivateLink."),
                    pkt,
                );
                self.authorize(Some(v), pkt)?;
            }
        }
        Ok(Reached::Eni(eni, pkt))
    }

    /// Delivery inside a VPC by its local route: find the interface, cross its subnet's ACL.
    pub(super) fn deliver_local(
        &mut self,
        vpc: VpcIdx,
        pkt: Header,
        ctx: Ctx,
        from: Option<SubnetIdx>,
    ) -> Step {
        match self.ix.eni_by_ip.get(&(vpc, pkt.dst)).copied() {
            Some(d) => {
                let ds = self.net.enis[d.i()].subnet;
                if Some(ds) != from {
                    self.nacl(ds, Direction::Ingress, pkt)?;
                }
                self.arrive_eni(d, pkt, ctx)
            }
            None => {
                let v = &self.net.vpcs[vpc.i()];
                let at = self
                    .ix
                    .subnet_at(self.net, vpc, pkt.dst)
                    .map(|s| self.net.subnets[s.i()].id.clone())
                    .unwrap_or_else(|| v.id.clone());
                let vid = v.id.clone();
                let kind = if at.starts_with("subnet") || at != vid {
                    "subnet"
                } else {
                    "vpc"
                };
                let why = match ctx.via {
                    // With overlapping peers the replying side's longest prefix can send the
                    // reply into the wrong VPC; nothing checks the reverse path (R2, PR).
                    Via::Peering(p) if self.leg == Leg::Return => format!(
                        "the replying side's route table sent the reply over {} into {vid}, which has no interface with the address {}: the longest matching prefix chose the wrong peer, and there is no reverse-path check (R2, PR).",
                        self.net.peerings[p.i()].id,
                        pkt.dst
                    ),
                    _ => format!(
                        "No network interface in {vid} has the address {}, so nothing can answer.",
                        pkt.dst
                    ),
                };
                Err(self.block(&at, kind, Code::NoPossibleDestination, why, pkt, None))
            }
        }
    }

    /// A route to an interface: an appliance forwards only with source/destination check off (R24).
    pub(super) fn via_appliance(
        &mut self,
        e: EniIdx,
        pkt: Header,
        ctx: Ctx,
        from: SubnetIdx,
    ) -> Step {
        let eni = &self.net.enis[e.i()];
        let (eid, es, check) = (eni.id.clone(), eni.subnet, eni.source_dest_check);
        if es != from {
            self.nacl(es, Direction::Ingress, pkt)?;
        }
        self.groups(e, Direction::Ingress, pkt, ctx)?;
        if check && !self.net.enis[e.i()].has_ip(pkt.dst) {
            let fix = Fix::new(FixAction::DisableSourceDestCheck {
                interface: eid.clone(),
            });
            return Err(self.block(&eid, "eni", Code::EniSourceDestCheckRestriction, format!("{eid} has source/destination check on, so it drops packets not addressed to itself (R24). An appliance that forwards traffic needs the check turned off."), pkt, Some(fix)));
        }
        self.hop(&eid, "eni", Action::Forward, format!("{} forwards the packet (source/destination check is off); security-group identity is not preserved past it (R10).", self.eni_label(e)), pkt);
        let ctx = Ctx {
            via: Via::Middlebox,
            sender: None,
            ..ctx
        };
        self.send_from_eni(e, pkt, ctx)
    }
}
