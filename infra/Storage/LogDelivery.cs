using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Storage;

/// <summary>Who writes a region's load balancer access logs into a bucket, which the bucket policy must
/// name. In the regions that existed before August 2022 it is an Elastic Load Balancing account of that
/// region; in the regions opened since, the log delivery service principal. Source: the Application Load
/// Balancer user guide, "Enable access logs for your Application Load Balancer", step 2 (attach a policy
/// to your S3 bucket), cross-checked against the same table in terraform-provider-aws's
/// aws_elb_service_account data source.</summary>
public static class LogDelivery
{
    /// <summary>The Elastic Load Balancing account of each region that predates August 2022.</summary>
    public static readonly IReadOnlyDictionary<string, string> LoadBalancerAccounts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["us-east-1"] = "127311923021",
        ["us-east-2"] = "033677994240",
        ["us-west-1"] = "027434742980",
        ["us-west-2"] = "797873946194",
        ["af-south-1"] = "098369216593",
        ["ap-east-1"] = "754344448648",
        ["ap-south-1"] = "718504428378",
        ["ap-northeast-1"] = "582318560864",
        ["ap-northeast-2"] = "600734575887",
        ["ap-northeast-3"] = "383597477331",
        ["ap-southeast-1"] = "114774131450",
        ["ap-southeast-2"] = "783225319266",
        ["ap-southeast-3"] = "589379963580",
        ["ca-central-1"] = "985666609251",
        ["eu-central-1"] = "054676820928",
        ["eu-west-1"] = "156460612806",
        ["eu-west-2"] = "652711504416",
        ["eu-west-3"] = "009996457667",
        ["eu-south-1"] = "635631232127",
        ["eu-north-1"] = "897822967062",
        ["me-south-1"] = "076674570225",
        ["sa-east-1"] = "507241528517",
        ["us-gov-west-1"] = "048591011584",
        ["us-gov-east-1"] = "190560391635",
        ["cn-north-1"] = "638102146993",
        ["cn-northwest-1"] = "037604701340",
    };

    /// <summary>The service principal that delivers load balancer logs in the newer regions.</summary>
    public const string LoadBalancerLogDelivery = "logdelivery.elasticloadbalancing.amazonaws.com";

    /// <summary>The service principal that delivers S3 server access logs.</summary>
    public const string ServerAccessLogDelivery = "logging.s3.amazonaws.com";

    /// <summary>The bucket policy principal that writes a region's load balancer logs: an account root
    /// (<c>AWS</c>) or a service (<c>Service</c>).</summary>
    public static (string Kind, string Value) LoadBalancerPrincipal(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return LoadBalancerAccounts.TryGetValue(region, out var account)
            ? ("AWS", $"arn:{AwsRegions.PartitionOf(region)}:iam::{account}:root")
            : ("Service", LoadBalancerLogDelivery);
    }
}
