using System.Collections.Immutable;
using MultiRegionInfra.Certificates;
using MultiRegionInfra.Compute;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.CloudFront;
using Pulumi.Aws.CloudFront.Inputs;
using Pulumi.Aws.Route53;
using Pulumi.Aws.Route53.Inputs;

namespace MultiRegionInfra.Global;

/// <summary>CloudFront in front of the regions: the default behaviour on an origin group over the asset
/// buckets or, without them, over one HTTPS-only origin per regional load balancer, failing over from the
/// primary to the next on 5xx (the buckets also on 403 and 404) for cacheable requests; /api/* and the
/// regions' health path (GET and HEAD) passed uncached to the latency- or failover-routed
/// api.&lt;domain&gt;; TLS 1.2 (2021 ciphers) or newer for viewers, and a certificate from ACM in us-east-1,
/// where CloudFront requires it. Every request to a load balancer carries the secret origin header that
/// load balancer requires (it answers 403 without), and a web ACL filters the viewers' requests when one
/// is given. With region probes, /_regions/&lt;stack&gt;/* reaches that region alone, uncached, the prefix
/// stripped by a viewer-request function: how a canary outside the regions' networks checks one region.</summary>
public sealed class CloudFrontEdge : ComponentResource
{
    /// <summary>CloudFront's fixed hosted zone for alias records.</summary>
    public const string CloudFrontZoneId = "Z2FDTNDATAQYW2";

    /// <summary>The managed cache policy that caches nothing.</summary>
    public const string CachingDisabled = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

    /// <summary>The managed cache policy for cacheable content.</summary>
    public const string CachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6";

    /// <summary>The managed origin request policy that forwards everything but the viewer's Host header,
    /// so each origin is asked for its own hostname (the one its certificate names).</summary>
    public const string AllViewerExceptHostHeader = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    /// <summary>The region whose ACM certificates CloudFront can use.</summary>
    public const string CertificateRegion = "us-east-1";

    /// <summary>The origin group's failover status codes.</summary>
    public static readonly IReadOnlyList<int> FailoverStatusCodes = new[] { 500, 502, 503, 504 };

    public const string RegionsOriginGroup = "regions";
    public const string AssetsOriginGroup = "assets";

    /// <summary>The asset origin group's failover status codes: a missing or denied object fails over too,
    /// since a replica may hold what a lagging or damaged primary bucket does not.</summary>
    public static readonly IReadOnlyList<int> AssetFailoverStatusCodes = new[] { 403, 404, 500, 502, 503, 504 };
    public const string ApiOrigin = "api";

    /// <summary>The behaviour that sends the API's paths, uncached and with every method, to <see cref="ApiOrigin"/>.</summary>
    public const string ApiPathPattern = "/api/*";

    /// <summary>The methods the health path's and the region probes' behaviours allow: reads, the ones the load
    /// balancers' health rule forwards. A probe pins a region past the routing that may have taken it out,
    /// so it must not write there.</summary>
    public static readonly IReadOnlyList<string> ReadMethods = new[] { "GET", "HEAD" };

    /// <summary>Where a region's probe paths start: /_regions/&lt;stack&gt;/&lt;path&gt; is &lt;path&gt; on that region.</summary>
    public const string RegionProbePrefix = "/_regions/";

    /// <summary>The probe behaviour's path pattern of a region.</summary>
    public static string RegionProbePattern(string stackName) => $"{RegionProbePrefix}{stackName}/*";

    /// <summary>The viewer-request function of the probe behaviours (cloudfront-js-2.0): /_regions/&lt;stack&gt;/x
    /// becomes /x, the query string untouched (CloudFront keeps it apart from the URI).</summary>
    public const string RegionProbeFunctionCode = """
        function handler(event) {
          var request = event.request;
          var rest = request.uri.replace(/^\/_regions\/[^\/]+/, '');
          request.uri = rest === '' ? '/' : rest;
          return request;
        }
        """;

    /// <summary>The path patterns of the health behaviours: the regions' health path (one per system, a cross-stack rule; should they differ, each
    /// distinct one in failover order), unless it is under /api/, which <see cref="ApiPathPattern"/> sends to
    /// the API already. A regional stack's healthCheckPath holds only characters CloudFront matches
    /// literally, so a pattern matches that path alone.</summary>
    public static IReadOnlyList<string> HealthPathPatterns(IEnumerable<string> healthCheckPaths) =>
        (healthCheckPaths ?? throw new ArgumentNullException(nameof(healthCheckPaths)))
            .Where(p => !p.StartsWith(ApiPathPattern.TrimEnd('*'), StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The distribution's domain name (xxxx.cloudfront.net).</summary>
    [Output]
    public Output<string> DomainName { get; private set; } = null!;

    /// <summary>The distribution's ID.</summary>
    [Output]
    public Output<string> DistributionId { get; private set; } = null!;

    /// <summary>The distribution's ARN (what bucket policies grant to).</summary>
    [Output]
    public Output<string> DistributionArn { get; private set; } = null!;

    public CloudFrontEdge(string name, CloudFrontEdgeArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:edge:CloudFrontEdge", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Regions.Count < 2)
            throw new ArgumentException("an origin group needs at least two regions", nameof(args));
        var context = args.Context;
        var self = new CustomResourceOptions { Parent = this };
        var hostnames = new[] { args.Domain, $"www.{args.Domain}" };
        var headers = args.OriginHeaders.ToDictionary(h => h.StackName, StringComparer.Ordinal);
        var missing = args.Regions.Where(r => !headers.ContainsKey(r.StackName)).Select(r => r.StackName).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"no origin header for {string.Join(", ", missing)}: their load balancers would answer CloudFront with 403", nameof(args));

        // pulumi-aws v7 places a resource in any region through its `region` argument, so the certificate
        // lives in us-east-1 (where CloudFront requires it) without a second provider.
        var certificate = new DnsValidatedCertificate(ResourceNames.Child(name, "tls"), new DnsValidatedCertificateArgs
        {
            Context = context,
            DomainNames = hostnames,
            ZoneId = args.ZoneId,
            Region = CertificateRegion,
        }, new ComponentResourceOptions { Parent = this });

        var origins = new List<DistributionOriginArgs>();
        var groups = new InputList<DistributionOriginGroupArgs>();
        // Each region's own origin, with its own header: the default behaviour's group without the buckets, and the probes.
        var regionOrigins = args.Regions.Select(region => Origin(region.StackName, region.OriginDomain, args.Settings, new[] { headers[region.StackName] })).ToList();
        DistributionDefaultCacheBehaviorArgs defaultBehavior;
        if (args.AssetBuckets is { Count: >= 2 } buckets)
        {
            var accessControl = new OriginAccessControl(ResourceNames.Child(name, "assets-oac"), new OriginAccessControlArgs
            {
                Name = ResourceNames.Limit(ResourceNames.Join(context.Application, context.StackName, "assets"), 64),
                Description = "CloudFront signs every request to the asset buckets (SigV4)",
                OriginAccessControlOriginType = "s3",
                SigningBehavior = "always",
                SigningProtocol = "sigv4",
            }, self);
            origins.AddRange(buckets.Select(b => new DistributionOriginArgs
            {
                OriginId = b.OriginId,
                DomainName = b.DomainName,
                OriginAccessControlId = accessControl.Id,
                ConnectionAttempts = args.Settings.ConnectionAttempts,
                ConnectionTimeout = args.Settings.ConnectionTimeoutSeconds,
            }));
            groups.Add(Group(AssetsOriginGroup, AssetFailoverStatusCodes, buckets[0].OriginId, buckets[1].OriginId));
            defaultBehavior = new DistributionDefaultCacheBehaviorArgs
            {
                TargetOriginId = AssetsOriginGroup,
                ViewerProtocolPolicy = "redirect-to-https",
                AllowedMethods = { "GET", "HEAD", "OPTIONS" },
                CachedMethods = { "GET", "HEAD" },
                CachePolicyId = CachingOptimized,
                Compress = true,
            };
            if (args.RegionProbes)
                origins.AddRange(regionOrigins);
        }
        else
        {
            origins.AddRange(regionOrigins);
            // An origin group holds exactly two origins: the primary, then the next region.
            groups.Add(Group(RegionsOriginGroup, FailoverStatusCodes, args.Regions[0].StackName, args.Regions[1].StackName));
            defaultBehavior = new DistributionDefaultCacheBehaviorArgs
            {
                TargetOriginId = RegionsOriginGroup,
                ViewerProtocolPolicy = "redirect-to-https",
                AllowedMethods = { "GET", "HEAD", "OPTIONS" },
                CachedMethods = { "GET", "HEAD" },
                CachePolicyId = CachingOptimized,
                OriginRequestPolicyId = AllViewerExceptHostHeader,
                Compress = true,
            };
        }
        // api.<domain> resolves to whichever region Route 53 picks, so it carries every region's header.
        origins.Add(Origin(ApiOrigin, Output.Create(AppTier.ApiHostname(args.Domain)), args.Settings, args.Regions.Select(r => headers[r.StackName]).ToList()));

        var apiBehavior = Uncached(ApiPathPattern, ApiOrigin, AllMethods);
        var probes = args.RegionProbes ? RegionProbeBehaviors(name, args) : new List<DistributionOrderedCacheBehaviorArgs>();
        // The health path gets a behaviour of its own to api.<domain>, uncached: on the default behaviour it would
        // ask a bucket, or be answered from the cache while the regions are down, and https://<domain><health path>
        // must say whether a region serves now (the canaries check it there). Regions share one path (a
        // cross-stack rule); distinct ones would get one each.
        InputList<DistributionOrderedCacheBehaviorArgs> orderedBehaviors = Output.All(args.Regions.Select(r => r.HealthCheckPath))
            .Apply(paths => HealthPathPatterns(paths).Select(HealthBehavior).Prepend(apiBehavior).Concat(probes).ToImmutableArray());

        var distributionArgs = new DistributionArgs
        {
            Enabled = true,
            IsIpv6Enabled = true,
            Comment = $"{context.Application} {context.StackName}: {string.Join(", ", args.Regions.Select(r => r.StackName))}",
            Aliases = hostnames,
            HttpVersion = "http2and3",
            PriceClass = args.Settings.PriceClass,
            Origins = origins,
            OriginGroups = groups,
            DefaultCacheBehavior = defaultBehavior,
            OrderedCacheBehaviors = orderedBehaviors,
            ViewerCertificate = new DistributionViewerCertificateArgs
            {
                AcmCertificateArn = certificate.CertificateArn,
                SslSupportMethod = "sni-only",
                MinimumProtocolVersion = "TLSv1.2_2021",
            },
            Restrictions = new DistributionRestrictionsArgs
            {
                GeoRestriction = new DistributionRestrictionsGeoRestrictionArgs { RestrictionType = "none" },
            },
            Tags = context.Tags(ResourceNames.Child(name, "distribution")),
        };
        var webAcl = args.WebAclArn ?? (args.Settings.WebAclArn is { } external ? (Input<string>)external : null);
        if (webAcl is not null)
            distributionArgs.WebAclId = webAcl;
        if (args.Settings.LogBucket is { } bucket)
            distributionArgs.LoggingConfig = new DistributionLoggingConfigArgs { Bucket = $"{bucket}.s3.amazonaws.com", Prefix = $"cloudfront/{context.StackName}/", IncludeCookies = false };
        var distribution = new Distribution(ResourceNames.Child(name, "distribution"), distributionArgs, self);

        foreach (var hostname in hostnames)
        {
            foreach (var type in new[] { "A", "AAAA" })
            {
                var part = hostname == args.Domain ? "apex" : "www";
                new Record(ResourceNames.Child(name, $"{part}-{type.ToLowerInvariant()}"), new RecordArgs
                {
                    ZoneId = args.ZoneId,
                    Name = hostname,
                    Type = type,
                    Aliases = { new RecordAliasArgs { Name = distribution.DomainName, ZoneId = CloudFrontZoneId, EvaluateTargetHealth = false } },
                }, self);
            }
        }

        DomainName = distribution.DomainName;
        DistributionId = distribution.Id;
        DistributionArn = distribution.Arn;
        RegisterOutputs();
    }

    /// <summary>One behaviour per region, /_regions/&lt;stack&gt;/* to that region's origin alone: uncached, GET and
    /// HEAD only (it reaches a region the routing may have taken out, where a write would diverge), the
    /// viewer's request forwarded as /api/* forwards it, and the prefix stripped by one viewer-request
    /// function shared by all of them.</summary>
    private List<DistributionOrderedCacheBehaviorArgs> RegionProbeBehaviors(string name, CloudFrontEdgeArgs args)
    {
        var context = args.Context;
        var function = new Function(ResourceNames.Child(name, "region-probe"), new FunctionArgs
        {
            Name = ResourceNames.Limit(ResourceNames.Join(context.Application, context.StackName, "region-probe"), 64),
            Comment = $"Strips {RegionProbePrefix}<stack> so that a probe of one region asks it for the path that follows",
            Runtime = "cloudfront-js-2.0",
            Code = RegionProbeFunctionCode,
            Publish = true,
            Tags = context.Tags(ResourceNames.Child(name, "region-probe")),
        }, new CustomResourceOptions { Parent = this });
        return args.Regions.Select(region =>
        {
            var probe = Uncached(RegionProbePattern(region.StackName), region.StackName, ReadMethods);
            probe.FunctionAssociations.Add(new DistributionOrderedCacheBehaviorFunctionAssociationArgs { EventType = "viewer-request", FunctionArn = function.Arn });
            return probe;
        }).ToList();
    }

    /// <summary>Every method CloudFront passes on: the API's behaviour allows them all.</summary>
    private static readonly IReadOnlyList<string> AllMethods = new[] { "GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE" };

    /// <summary>The health path, uncached, GET and HEAD only, to the API's origin.</summary>
    private static DistributionOrderedCacheBehaviorArgs HealthBehavior(string path) => Uncached(path, ApiOrigin, ReadMethods);

    /// <summary>A path pattern sent uncached to an origin, the viewer's request forwarded but its Host header
    /// (each origin is asked for its own name), viewers redirected to HTTPS. CloudFront takes cached methods
    /// even where the cache policy caches nothing: GET and HEAD.</summary>
    private static DistributionOrderedCacheBehaviorArgs Uncached(string pattern, string origin, IReadOnlyList<string> methods) => new()
    {
        PathPattern = pattern,
        TargetOriginId = origin,
        ViewerProtocolPolicy = "redirect-to-https",
        AllowedMethods = methods.ToList(),
        CachedMethods = { "GET", "HEAD" },
        CachePolicyId = CachingDisabled,
        OriginRequestPolicyId = AllViewerExceptHostHeader,
        Compress = true,
    };

    private static DistributionOriginGroupArgs Group(string id, IReadOnlyList<int> codes, string primary, string secondary) => new()
    {
        OriginId = id,
        FailoverCriteria = new DistributionOriginGroupFailoverCriteriaArgs { StatusCodes = codes.ToList() },
        Members =
        {
            new DistributionOriginGroupMemberArgs { OriginId = primary },
            new DistributionOriginGroupMemberArgs { OriginId = secondary },
        },
    };

    private static DistributionOriginArgs Origin(string id, Input<string> domain, Configuration.CloudFrontSettings settings, IReadOnlyList<OriginHeader> headers) => new()
    {
        OriginId = id,
        DomainName = domain,
        ConnectionAttempts = settings.ConnectionAttempts,
        ConnectionTimeout = settings.ConnectionTimeoutSeconds,
        CustomHeaders = headers.Select(h => new DistributionOriginCustomHeaderArgs { Name = h.Name, Value = h.Value }).ToList(),
        CustomOriginConfig = new DistributionOriginCustomOriginConfigArgs
        {
            HttpPort = 80,
            HttpsPort = 443,
            OriginProtocolPolicy = "https-only",
            OriginSslProtocols = { "TLSv1.2" },
            OriginReadTimeout = 30,
            OriginKeepaliveTimeout = 5,
        },
    };
}
