using System.Globalization;

namespace MultiRegionInfra.Configuration;

/// <summary>A regional stack's access logs: the load balancer's and the asset bucket's, into a log bucket
/// of the region.</summary>
/// <param name="Enabled">Whether the stack creates its log bucket and logs into it.</param>
/// <param name="RetentionDays">Days a log object is kept before it expires.</param>
public sealed record LogSettings(bool Enabled, int RetentionDays)
{
    public const int DefaultRetentionDays = 90;
}

/// <summary>What a regional stack does so that its load balancer answers only its edge.</summary>
/// <param name="SecretGeneration">Behind CloudFront: the generation of the origin secret the load balancer
/// requires (it accepts this one and the one before).</param>
/// <param name="Logs">The access logs.</param>
/// <param name="HeaderRequired">Behind CloudFront: whether a request without the origin header is refused
/// (false only while a deployed system is upgraded, until the global stack sends the header).</param>
public sealed record OriginProtectionSettings(int SecretGeneration, LogSettings Logs, bool HeaderRequired = true)
{
    public const string SecretGenerationKey = "edge.originSecretGeneration";
    public const string HeaderRequiredKey = "edge.originHeaderRequired";
    public const string LogsEnabledKey = "logs.enabled";
    public const string LogRetentionKey = "logs.retentionDays";

    public static OriginProtectionSettings Read(ConfigReader config, bool prod, EdgeKind edge)
    {
        ArgumentNullException.ThrowIfNull(config);
        var generation = config.Int(SecretGenerationKey, 1, 1, 1_000_000);
        var required = config.Bool(HeaderRequiredKey, true);
        foreach (var key in new[] { SecretGenerationKey, HeaderRequiredKey })
        {
            if (edge != EdgeKind.CloudFront && config.Raw(key) is { } set)
                config.Error(key, set, $"is set but edge is '{ConfigNames.NameOf(ConfigNames.Edges, edge)}'",
                    "allowed: only with edge cloudfront, whose load balancers require the origin secret; remove it");
        }

        var enabled = config.Bool(LogsEnabledKey, prod);
        var retention = config.Int(LogRetentionKey, LogSettings.DefaultRetentionDays, 1, 3650);
        if (!enabled && config.Raw(LogRetentionKey) is { } setRetention)
            config.Error(LogRetentionKey, setRetention, "is set but logs.enabled is false, so there are no logs to keep",
                "allowed: set logs.enabled to true, or remove logs.retentionDays");
        return new OriginProtectionSettings(generation, new LogSettings(enabled, retention), required);
    }
}

/// <summary>The AWS WAF web ACL the global stack puts on the CloudFront distribution.</summary>
/// <param name="Enabled">Whether the global stack creates it.</param>
/// <param name="RateLimit">Requests one IP address may send in 5 minutes before it is blocked.</param>
public sealed record WafSettings(bool Enabled, int RateLimit)
{
    public const int DefaultRateLimit = 2000;

    /// <summary>AWS WAF's bounds on a rate-based rule's limit (per 5-minute window).</summary>
    public const int MinRateLimit = 10;
    public const int MaxRateLimit = 2_000_000_000;
}

/// <summary>What the global stack adds in front of the regions: the WAF, and Cloudflare's authenticated
/// origin pulls.</summary>
public sealed record EdgeProtectionSettings(WafSettings Waf, bool AuthenticatedOriginPulls)
{
    public const string WafEnabledKey = "waf.enabled";
    public const string WafRateLimitKey = "waf.rateLimit";
    public const string AuthenticatedOriginPullsKey = "cloudflare.authenticatedOriginPulls";

    /// <summary>CloudFront adds at most this many custom headers to a request to an origin; the api origin
    /// carries every region's origin header.</summary>
    public const int MaxOriginHeaders = 10;

    /// <param name="externalWebAcl">Whether cloudfront.webAclArn names a web ACL of its own.</param>
    /// <param name="regionCount">How many regions the global stack connects.</param>
    public static EdgeProtectionSettings Read(ConfigReader config, bool prod, EdgeKind edge, bool externalWebAcl, int regionCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cloudFront = edge == EdgeKind.CloudFront;
        var explicitWaf = config.Raw(WafEnabledKey) is not null;
        var waf = config.Bool(WafEnabledKey, prod && cloudFront && !externalWebAcl);
        if (waf && explicitWaf && externalWebAcl)
            config.Error(WafEnabledKey, "true", "is set together with cloudfront.webAclArn, and a distribution takes one web ACL",
                "allowed: waf.enabled true (the program's web ACL) or cloudfront.webAclArn (your own), not both");
        else if (waf && !cloudFront)
            config.Error(WafEnabledKey, "true", $"needs the CloudFront edge (edge is '{ConfigNames.NameOf(ConfigNames.Edges, edge)}')",
                "allowed: false, or edge cloudfront");
        var rateLimit = config.Int(WafRateLimitKey, WafSettings.DefaultRateLimit, WafSettings.MinRateLimit, WafSettings.MaxRateLimit);
        if (!waf && config.Raw(WafRateLimitKey) is { } setLimit)
            config.Error(WafRateLimitKey, setLimit, "is set but the program creates no web ACL (waf.enabled is false)",
                "allowed: set waf.enabled to true, or remove waf.rateLimit");

        var pulls = config.Bool(AuthenticatedOriginPullsKey, false);
        if (pulls && edge != EdgeKind.Cloudflare)
            config.Error(AuthenticatedOriginPullsKey, "true", $"needs the Cloudflare edge (edge is '{ConfigNames.NameOf(ConfigNames.Edges, edge)}')",
                "allowed: false, or edge cloudflare");

        if (cloudFront && regionCount > MaxOriginHeaders)
            config.Error("regions", regionCount.ToString(CultureInfo.InvariantCulture) + " regions",
                $"is more than CloudFront can authenticate: its api origin sends one origin header per region, and CloudFront adds at most {MaxOriginHeaders}",
                $"allowed: at most {MaxOriginHeaders} regions behind CloudFront");
        return new EdgeProtectionSettings(new WafSettings(waf, rateLimit), pulls);
    }
}
