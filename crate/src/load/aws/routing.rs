//! Route tables and their routes.

use super::records::{name_of, AwsTarget, RouteDest, RouteRec, RouteTableRec};
use super::{push_unique, Conv, Located};
use crate::load::scenario::{RouteDoc, RouteTableDoc};
use crate::model::ids::ResourceKind;

/// What one route of describe-route-tables becomes.
enum RouteOutcome {
    Route(RouteDoc),
    /// An IPv6 route, counted for one note per table.
    Ipv6,
    Skip,
}

impl<'a> Conv<'a, '_, '_> {
    pub(super) fn route_tables(&mut self) {
        let input = self.input;
        for r in &input.route_tables {
            let t = r.rec;
            let mut rt = RouteTableDoc {
                id: t.route_table_id.clone(),
                name: name_of(&t.tags),
                vpc: t.vpc_id.clone(),
                ..RouteTableDoc::default()
            };
            self.associations(t, &mut rt);
            let mut ipv6 = 0;
            for (i, route) in t.routes.iter().enumerate() {
                match self.route(r, i, route) {
                    RouteOutcome::Route(doc) => rt.routes.push(doc),
                    RouteOutcome::Ipv6 => ipv6 += 1,
                    RouteOutcome::Skip => {}
                }
            }
            if ipv6 > 0 {
                let why = format!("{ipv6} IPv6 route(s) skipped: the engine models IPv4 only");
                self.d.unsupported(&t.route_table_id, "Routes", why);
            }
            self.doc.route_tables.push(rt);
        }
    }

    fn associations(&mut self, t: &RouteTableRec, rt: &mut RouteTableDoc) {
        for (i, a) in t.associations.iter().enumerate() {
            let state = a
                .association_state
                .as_ref()
                .and_then(|s| s.state.as_deref());
            if state.is_some_and(|s| s != "associated") {
                continue;
            }
            if a.main == Some(true) {
                rt.main = true;
            }
            if let Some(s) = &a.subnet_id {
                push_unique(&mut rt.subnets, s);
            }
            // R23: an internet or virtual private gateway's edge association makes this its
            // gateway route table.
            match &a.gateway_id {
                Some(g)
                    if ResourceKind::InternetGateway.owns(g)
                        || ResourceKind::VpnGateway.owns(g) =>
                {
                    push_unique(&mut rt.gateways, g)
                }
                Some(g) => self.d.unsupported(
                    &t.route_table_id,
                    &format!("Associations[{i}].GatewayId"),
                    format!("{g} is not a gateway a route table can be associated with (R23)"),
                ),
                None => {}
            }
        }
    }

    /// One route; `i` is its place in the table's `Routes`, for messages.
    fn route(
        &mut self,
        table: &Located<'a, RouteTableRec>,
        i: usize,
        route: &'a RouteRec,
    ) -> RouteOutcome {
        let id = table.rec.route_table_id.as_str();
        let (destination, is_cidr) = match &route.dest {
            RouteDest::Cidr(c) => (c.as_str(), true),
            RouteDest::PrefixList(p) => (p.as_str(), false),
            RouteDest::Ipv6 => return RouteOutcome::Ipv6,
            RouteDest::Missing => {
                let path = format!("{}.Routes[{i}].DestinationCidrBlock", table.path);
                let why = "missing (the AWS CLI always prints this field)";
                self.d.error(table.file, &path, why);
                return RouteOutcome::Skip;
            }
        };
        let Some(target) = &route.target else {
            let why = format!("the route for {destination} names no target; it is skipped");
            self.d.warn(id, &format!("Routes[{i}]"), why);
            return RouteOutcome::Skip;
        };
        let t = target.id();
        // The builder adds a local route for every VPC CIDR itself.
        if t == "local" {
            return RouteOutcome::Skip;
        }
        let field = format!("Routes[{i}].{}", target.field());
        let vpc_cidr = self
            .vpc_cidrs
            .get(&table.rec.vpc_id)
            .is_some_and(|cs| cs.iter().any(|c| c == destination));
        let propagated = route.origin.as_deref() == Some("EnableVgwRoutePropagation");
        // R5: a propagated route for the VPC's own block does not replace `local`; it loses to it.
        if (vpc_cidr && !propagated) || route.origin.as_deref() == Some("CreateRouteTable") {
            self.d.unsupported(
                id,
                &field,
                format!(
                    "the local route for {destination} is replaced by a route to {t} (middlebox routing); \
                     the model keeps the local route"
                ),
            );
            return RouteOutcome::Skip;
        }
        // Reported here, once, with AWS's field name; the builder keeps the id as a target
        // that stops packets and does not report it again.
        if let Some(what) = self.unsupported_target(target) {
            self.d.unsupported(
                id,
                &field,
                format!("{t} is {what}, which the engine does not model; packets for {destination} stop there"),
            );
        }
        // The builder gives each table its gateway endpoints' prefix-list routes (GWS3), so the
        // route AWS lists for them would be a duplicate.
        if self.endpoint_tables.contains(&(t, id)) {
            return RouteOutcome::Skip;
        }
        if ResourceKind::VpnGateway.owns(t) && is_cidr && destination != "0.0.0.0/0" {
            // describe-vpn-gateways does not list the networks behind a gateway; the routes
            // that point to it (static or propagated over BGP) are the best evidence of them.
            // A default route says nothing about the network, so it is not counted.
            push_unique(self.vgw_cidrs.entry(t).or_default(), destination);
        }
        RouteOutcome::Route(RouteDoc {
            destination: destination.to_string(),
            target: t.to_string(),
            propagated,
            blackhole: route.state.as_deref() == Some("blackhole"),
        })
    }

    /// What an unsupported target is; `None` for the targets the engine models.
    fn unsupported_target(&self, target: &AwsTarget) -> Option<&'static str> {
        let id = match target {
            AwsTarget::Unsupported { what, .. } => return Some(what),
            AwsTarget::Gateway(id) => id.as_str(),
            _ => return None,
        };
        match ResourceKind::of_id(id) {
            Some(ResourceKind::Endpoint) => match self.endpoint_types.get(id) {
                Some(&"GatewayLoadBalancer") => Some("a Gateway Load Balancer endpoint"),
                _ => None,
            },
            Some(ResourceKind::InternetGateway | ResourceKind::VpnGateway) => None,
            _ => Some("a gateway of a kind this playground does not know"),
        }
    }
}
