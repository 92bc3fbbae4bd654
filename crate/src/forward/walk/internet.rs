//! Internet gateways: out with the source rewritten to a public IP, in with it mapped back
//! (R11-R13).

use super::*;

impl Walker<'_> {
    /// A flow from an internet host: it can only enter through the internet gateway of the VPC
    /// that owns the public destination address (R12).
    pub(super) fn enter_from_internet(&mut self, pkt: Header) -> Walked {
        let event = Event::FromInternet { src: pkt.src };
        self.hop("internet", Component::Internet, Action::Forward, event, pkt);
        let owner = self
            .ix
            .eni_by_public_ip
            .get(&pkt.dst)
            .map(|e| self.net.enis[e.i()].vpc);
        let vpc = owner.or_else(|| self.ix.vpc_cidrs.longest(pkt.dst).map(|(_, v)| v[0]));
        let igw = vpc.and_then(|v| self.ix.igw_of.get(&v).copied());
        match (vpc, igw) {
            (_, Some(g)) => self.ingress_igw(g, pkt),
            (Some(v), None) => {
                let vid = self.net.vpcs[v.i()].id.clone();
                let reason = Reason::NoInternetGateway { vpc: vid.clone() };
                Err(self.block(&vid, Component::Vpc, reason, pkt))
            }
            (None, None) => {
                let reason = Reason::NoOwner { dst: pkt.dst };
                Err(self.lost("internet".into(), Component::Internet, reason))
            }
        }
    }

    /// R11: out through the internet gateway, with the source rewritten to its public IP.
    /// `rtb` and `dest` are the table and route that chose the gateway.
    pub(super) fn egress_igw(
        &mut self,
        g: IgwIdx,
        pkt: Header,
        ctx: Ctx,
        rtb: RtbIdx,
        dest: &str,
    ) -> Walked {
        let gid = self.net.internet_gateways[g.i()].id.clone();
        if is_private(pkt.dst) {
            let reason = Reason::IgwPrivateDestination {
                igw: gid.clone(),
                dst: pkt.dst,
                shared: is_shared(pkt.dst),
            };
            return Err(self.block(&gid, Component::InternetGateway, reason, pkt));
        }
        if let Some(entered_via) = ctx.via.edge() {
            let reason = Reason::EdgeToEdge {
                gateway: gid.clone(),
                through: Through::InternetGateway,
                entered_via,
                link: None,
            };
            return Err(self.block(&gid, Component::InternetGateway, reason, pkt));
        }
        let sender = self.ix.eni_by_ip.get(&(ctx.vpc, pkt.src)).copied();
        let public = sender.and_then(|e| self.net.enis[e.i()].public_ip);
        let Some(public) = public else {
            return Err(self.no_public_ip(&gid, sender, pkt, rtb, dest));
        };
        let out = Header { src: public, ..pkt };
        let event = Event::IgwOut {
            igw: gid.clone(),
            src: pkt.src,
            public,
        };
        self.igw_translate(&gid, ctx.vpc, event, pkt, out);
        self.onto_internet(g, out)
    }

    /// R11, R14: a sender without a public address (or a private NAT gateway) cannot use
    /// the internet gateway.
    fn no_public_ip(
        &mut self,
        gid: &str,
        sender: Option<EniIdx>,
        pkt: Header,
        rtb: RtbIdx,
        dest: &str,
    ) -> Box<Blocked> {
        let private_nat = sender.and_then(|e| match self.net.enis[e.i()].owner {
            EniOwner::NatGateway(n)
                if self.net.nat_gateways[n.i()].connectivity == NatConnectivity::Private =>
            {
                Some(n)
            }
            _ => None,
        });
        let reason = match private_nat {
            Some(n) => Reason::PrivateNatToIgw {
                nat: self.net.nat_gateways[n.i()].id.clone(),
                igw: gid.to_string(),
            },
            None => Reason::IgwNoPublicIp {
                igw: gid.to_string(),
                sender: sender
                    .map(|e| self.eni_label(e))
                    .unwrap_or_else(|| pkt.src.to_string()),
                table: self.net.route_tables[rtb.i()].id.clone(),
                route: dest.to_string(),
                dst: pkt.dst,
            },
        };
        self.block(gid, Component::InternetGateway, reason, pkt)
    }

    /// On the internet: another VPC's public address, a public AWS service, or a host.
    /// Records the gateway's one-to-one rewrite (R11 out, R12 in): `pkt` in, `out` leaving, in `vpc`.
    fn igw_translate(&mut self, gid: &str, vpc: VpcIdx, event: Event, pkt: Header, out: Header) {
        let vpc_id = self.net.vpcs[vpc.i()].id.clone();
        let h = self.hop(
            gid,
            Component::InternetGateway,
            Action::Translate,
            event,
            pkt,
        );
        h.header_out = out;
        h.vpc = Some(vpc_id);
    }

    fn onto_internet(&mut self, g: IgwIdx, out: Header) -> Walked {
        // A public address of another VPC's interface: the packet comes back in through that
        // VPC's internet gateway (R12).
        if let Some(&e) = self.ix.eni_by_public_ip.get(&out.dst) {
            let vpc = self.net.enis[e.i()].vpc;
            if let Some(&gi) = self.ix.igw_of.get(&vpc) {
                let event = Event::InternetCarries;
                self.hop("internet", Component::Internet, Action::Forward, event, out);
                return self.ingress_igw(gi, out);
            }
        }
        match self.ix.services.longest(out.dst) {
            Some((_, s)) => {
                let name = self.net.services[s[0]].name.clone();
                if self.leg == Leg::Forward {
                    self.authorize(None, out)?;
                }
                let event = Event::ReachesService {
                    service: name.clone(),
                    over_internet: true,
                };
                self.hop(&name, Component::AwsService, Action::Deliver, event, out);
            }
            None => {
                let event = Event::ReachesInternet { dst: out.dst };
                self.hop("internet", Component::Internet, Action::Deliver, event, out);
            }
        }
        Ok(Reached::Outside(g, out))
    }

    /// R12: in through the internet gateway, the public destination mapped back to private.
    pub(super) fn ingress_igw(&mut self, g: IgwIdx, pkt: Header) -> Walked {
        let igw = &self.net.internet_gateways[g.i()];
        let gid = igw.id.clone();
        let target = self
            .ix
            .eni_by_public_ip
            .get(&pkt.dst)
            .copied()
            .filter(|e| Some(self.net.enis[e.i()].vpc) == igw.vpc);
        let Some(e) = target else {
            let reason = Reason::IgwNoInterface {
                igw: gid.clone(),
                dst: pkt.dst,
            };
            return Err(self.block(&gid, Component::InternetGateway, reason, pkt));
        };
        let eni = &self.net.enis[e.i()];
        let (vpc, private) = (eni.vpc, eni.private_ip);
        let inside = Header {
            dst: private,
            ..pkt
        };
        let event = Event::IgwIn {
            igw: gid.clone(),
            public: pkt.dst,
            private,
        };
        self.igw_translate(&gid, vpc, event, pkt, inside);
        let ctx = Ctx {
            vpc,
            via: Via::Igw,
            sender: None,
        };
        match self.net.internet_gateways[g.i()].edge_table {
            // R23: the gateway route table decides, typically sending the packet to an
            // appliance first.
            Some(rtb) => self.route_edge(rtb, inside, ctx),
            None => self.deliver_local(vpc, inside, ctx, None),
        }
    }
}
