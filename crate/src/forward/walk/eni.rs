//! Interfaces: sending, arriving, local delivery, and appliances with the source/destination
//! check (R7, R24).

use super::*;

impl Walker<'_> {
    /// A packet leaves an interface: its groups (R9), then the subnet boundary (R7) and routing.
    pub(super) fn send_from_eni(&mut self, eni: EniIdx, pkt: Header, ctx: Ctx) -> Walked {
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
                    let reason = Reason::NoInterfaceInSubnet {
                        subnet: sid.clone(),
                        dst: pkt.dst,
                    };
                    Err(self.block(&sid, Component::Subnet, reason, pkt))
                }
            };
        }
        self.nacl(subnet, Direction::Egress, pkt)?;
        self.route_from(subnet, pkt, ctx)
    }

    /// A packet reaches an interface (after the ACL of its subnet, if it crossed one).
    pub(super) fn arrive_eni(&mut self, eni: EniIdx, pkt: Header, ctx: Ctx) -> Walked {
        let e = &self.net.enis[eni.i()];
        let eid = e.id.clone();
        let (vpc_id, subnet_id) = (
            self.net.vpcs[e.vpc.i()].id.clone(),
            self.net.subnets[e.subnet.i()].id.clone(),
        );
        if let EniOwner::NatGateway(n) = e.owner {
            return self.arrive_nat(eni, n, pkt, ctx);
        }
        if let Some(reason) = self.not_live(eni, false) {
            return Err(self.block(&eid, Component::Eni, reason, pkt));
        }
        self.groups(eni, Direction::Ingress, pkt, ctx)?;
        let who = self.eni_label(eni);
        let reply = self.leg == Leg::Return;
        let event = match &self.net.enis[eni.i()].owner {
            EniOwner::Service(s) if !reply => Event::ReachesServiceInterface {
                who,
                ip: pkt.dst,
                service: s.service().to_string(),
            },
            _ => Event::Reaches {
                who,
                ip: pkt.dst,
                reply,
            },
        };
        let h = self.hop(&eid, Component::Eni, Action::Deliver, event, pkt);
        h.vpc = Some(vpc_id);
        h.subnet = Some(subnet_id);
        if let EniOwner::InterfaceEndpoint(v) = self.net.enis[eni.i()].owner {
            if self.leg == Leg::Forward {
                let ep = &self.net.endpoints[v.i()];
                let (id, svc) = (ep.id.clone(), ep.service.clone());
                let event = Event::EndpointHandsOver {
                    endpoint: id.clone(),
                    service: svc,
                };
                self.hop(
                    &id,
                    Component::InterfaceEndpoint,
                    Action::Deliver,
                    event,
                    pkt,
                );
                self.authorize(Some(v), pkt)?;
            }
        }
        Ok(Reached::Eni(eni, pkt))
    }

    /// R27: why an interface can neither send nor answer, if it cannot: its instance is not
    /// running, or it is attached to nothing.
    pub(super) fn not_live(&self, eni: EniIdx, sending: bool) -> Option<Reason> {
        let e = &self.net.enis[eni.i()];
        match &e.owner {
            EniOwner::Instance(i) if !self.net.instances[*i].state.is_running() => {
                let inst = &self.net.instances[*i];
                Some(Reason::InstanceNotRunning {
                    instance: inst.id.clone(),
                    state: inst.state,
                    sending,
                })
            }
            EniOwner::Detached => Some(Reason::DetachedInterface {
                interface: e.id.clone(),
                sending,
            }),
            _ => None,
        }
    }

    /// A NAT gateway's interface: the reply to a translated flow is mapped back (R14); anything
    /// else started outside is refused (R15).
    fn arrive_nat(&mut self, eni: EniIdx, n: NatIdx, pkt: Header, ctx: Ctx) -> Walked {
        let e = &self.net.enis[eni.i()];
        let (vpc_id, subnet_id) = (
            self.net.vpcs[e.vpc.i()].id.clone(),
            self.net.subnets[e.subnet.i()].id.clone(),
        );
        let nid = self.net.nat_gateways[n.i()].id.clone();
        let Some(st) = self.nat.filter(|s| s.nat == n && self.leg == Leg::Return) else {
            let reason = Reason::NatRefusesInbound { nat: nid.clone() };
            return Err(self.block(&nid, Component::NatGateway, reason, pkt));
        };
        let back = Header {
            dst: st.orig_src,
            dst_port: st.orig_port,
            ..pkt
        };
        let event = Event::NatMapsBack {
            nat: nid.clone(),
            to: st.orig_src,
        };
        let h = self.hop(&nid, Component::NatGateway, Action::Translate, event, pkt);
        h.header_out = back;
        h.vpc = Some(vpc_id);
        h.subnet = Some(subnet_id);
        let ctx = Ctx {
            sender: None,
            ..ctx
        };
        self.send_from_eni(eni, back, ctx)
    }

    /// Delivery inside a VPC by its local route: find the interface, cross its subnet's ACL.
    pub(super) fn deliver_local(
        &mut self,
        vpc: VpcIdx,
        pkt: Header,
        ctx: Ctx,
        from: Option<SubnetIdx>,
    ) -> Walked {
        let Some(d) = self.ix.eni_by_ip.get(&(vpc, pkt.dst)).copied() else {
            return Err(self.nobody_there(vpc, pkt, ctx));
        };
        let ds = self.net.enis[d.i()].subnet;
        if Some(ds) != from {
            self.nacl(ds, Direction::Ingress, pkt)?;
        }
        self.arrive_eni(d, pkt, ctx)
    }

    /// No interface in the VPC has the address: the subnet that holds it (or the VPC) drops.
    fn nobody_there(&mut self, vpc: VpcIdx, pkt: Header, ctx: Ctx) -> Box<Blocked> {
        let vid = self.net.vpcs[vpc.i()].id.clone();
        let subnet = self
            .ix
            .subnet_at(self.net, vpc, pkt.dst)
            .map(|s| self.net.subnets[s.i()].id.clone());
        let (at, kind) = match subnet {
            Some(s) => (s, Component::Subnet),
            None => (vid.clone(), Component::Vpc),
        };
        let reason = match ctx.via {
            // With overlapping peers the replying side's longest prefix can send the reply
            // into the wrong VPC; nothing checks the reverse path (R2, PR).
            Via::Peering(p) if self.leg == Leg::Return => {
                let last = |leg: Leg, kind: Component| {
                    let mut hops = self.hops.iter().rev();
                    let h = hops.find(|h| h.leg == leg && h.kind == kind);
                    h.map(|h| h.component.clone())
                };
                Reason::ReplyWrongPeer {
                    pcx: self.net.peerings[p.i()].id.clone(),
                    vpc: vid,
                    dst: pkt.dst,
                    table: last(Leg::Return, Component::RouteTable),
                    came_over: last(Leg::Forward, Component::Peering),
                }
            }
            _ => Reason::NoInterfaceInVpc {
                vpc: vid,
                dst: pkt.dst,
            },
        };
        self.block(&at, kind, reason, pkt)
    }

    /// A route to an interface: an appliance forwards only with source/destination check off
    /// (R24).
    pub(super) fn via_appliance(
        &mut self,
        e: EniIdx,
        pkt: Header,
        ctx: Ctx,
        from: Option<SubnetIdx>,
    ) -> Walked {
        let eni = &self.net.enis[e.i()];
        let (eid, es, check) = (eni.id.clone(), eni.subnet, eni.source_dest_check);
        if Some(es) != from {
            self.nacl(es, Direction::Ingress, pkt)?;
        }
        self.groups(e, Direction::Ingress, pkt, ctx)?;
        if check && !self.net.enis[e.i()].has_ip(pkt.dst) {
            let reason = Reason::SourceDestCheck {
                interface: eid.clone(),
            };
            return Err(self.block(&eid, Component::Eni, reason, pkt));
        }
        self.appliances.push((self.leg, eid.clone()));
        let event = Event::ApplianceForwards {
            who: self.eni_label(e),
        };
        self.hop(&eid, Component::Eni, Action::Forward, event, pkt);
        let ctx = Ctx {
            via: Via::Middlebox,
            sender: None,
            ..ctx
        };
        self.send_from_eni(e, pkt, ctx)
    }
}
