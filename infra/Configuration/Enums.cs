namespace MultiRegionInfra.Configuration;

/// <summary>Which program a stack runs.</summary>
public enum StackKind
{
    Regional,
    Global,
}

/// <summary>The deployment environment; prod turns on the protective defaults.</summary>
public enum DeploymentEnvironment
{
    Dev,
    Staging,
    Prod,
}

/// <summary>A region's database role.</summary>
public enum RegionRole
{
    /// <summary>Holds the writable PostgreSQL primary.</summary>
    Primary,

    /// <summary>Holds an encrypted cross-region read replica of a primary in another region.</summary>
    Replica,
}

/// <summary>How many NAT gateways a VPC gets.</summary>
public enum NatGatewayMode
{
    /// <summary>One per availability zone: a zone's outage does not cut the others off.</summary>
    PerAz,

    /// <summary>One for the whole VPC: cheaper, a single point of failure for outbound traffic.</summary>
    Single,
}

/// <summary>What sits in front of the regional load balancers.</summary>
public enum EdgeKind
{
    /// <summary>CloudFront: the load balancers accept only CloudFront and Route 53 health checkers.</summary>
    CloudFront,

    /// <summary>Cloudflare's load balancer, proxied.</summary>
    Cloudflare,

    /// <summary>Clients reach the load balancers directly (through Route 53).</summary>
    None,
}

/// <summary>The names each enum value has in configuration.</summary>
public static class ConfigNames
{
    public static readonly IReadOnlyDictionary<string, StackKind> StackKinds =
        new Dictionary<string, StackKind> { ["regional"] = StackKind.Regional, ["global"] = StackKind.Global };

    public static readonly IReadOnlyDictionary<string, DeploymentEnvironment> Environments =
        new Dictionary<string, DeploymentEnvironment> { ["dev"] = DeploymentEnvironment.Dev, ["staging"] = DeploymentEnvironment.Staging, ["prod"] = DeploymentEnvironment.Prod };

    public static readonly IReadOnlyDictionary<string, RegionRole> Roles =
        new Dictionary<string, RegionRole> { ["primary"] = RegionRole.Primary, ["replica"] = RegionRole.Replica };

    public static readonly IReadOnlyDictionary<string, NatGatewayMode> NatGatewayModes =
        new Dictionary<string, NatGatewayMode> { ["perAz"] = NatGatewayMode.PerAz, ["single"] = NatGatewayMode.Single };

    public static readonly IReadOnlyDictionary<string, EdgeKind> Edges =
        new Dictionary<string, EdgeKind> { ["cloudfront"] = EdgeKind.CloudFront, ["cloudflare"] = EdgeKind.Cloudflare, ["none"] = EdgeKind.None };

    public static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct =>
        names.First(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Key;
}
