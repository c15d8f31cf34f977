namespace MultiRegionInfra.Configuration;

/// <summary>The AWS regions a stack may name, and the partition each belongs to (ARNs, service
/// principals and endpoints differ between partitions).</summary>
public static class AwsRegions
{
    /// <summary>Every region AWS offers, by partition: the commercial regions (opt-in ones included),
    /// China, GovCloud (US) and the European Sovereign Cloud.</summary>
    public static readonly IReadOnlyDictionary<string, string> Partitions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["us-east-1"] = "aws", ["us-east-2"] = "aws", ["us-west-1"] = "aws", ["us-west-2"] = "aws",
        ["af-south-1"] = "aws",
        ["ap-east-1"] = "aws", ["ap-east-2"] = "aws", ["ap-south-1"] = "aws", ["ap-south-2"] = "aws",
        ["ap-southeast-1"] = "aws", ["ap-southeast-2"] = "aws", ["ap-southeast-3"] = "aws", ["ap-southeast-4"] = "aws",
        ["ap-southeast-5"] = "aws", ["ap-southeast-6"] = "aws", ["ap-southeast-7"] = "aws",
        ["ap-northeast-1"] = "aws", ["ap-northeast-2"] = "aws", ["ap-northeast-3"] = "aws",
        ["ca-central-1"] = "aws", ["ca-west-1"] = "aws",
        ["eu-central-1"] = "aws", ["eu-central-2"] = "aws", ["eu-west-1"] = "aws", ["eu-west-2"] = "aws", ["eu-west-3"] = "aws",
        ["eu-south-1"] = "aws", ["eu-south-2"] = "aws", ["eu-north-1"] = "aws",
        ["il-central-1"] = "aws", ["me-south-1"] = "aws", ["me-central-1"] = "aws", ["mx-central-1"] = "aws",
        ["sa-east-1"] = "aws",
        ["cn-north-1"] = "aws-cn", ["cn-northwest-1"] = "aws-cn",
        ["us-gov-east-1"] = "aws-us-gov", ["us-gov-west-1"] = "aws-us-gov",
        ["eusc-de-east-1"] = "aws-eusc",
    };

    public static bool IsKnown(string region) => Partitions.ContainsKey(region);

    /// <summary>The partition of a region; the commercial one for a region this table does not know.</summary>
    public static string PartitionOf(string region) => Partitions.GetValueOrDefault(region, "aws");

    /// <summary>The DNS suffix of the partition's service endpoints.</summary>
    public static string DnsSuffixOf(string region) => PartitionOf(region) switch
    {
        "aws-cn" => "amazonaws.com.cn",
        "aws-eusc" => "amazonaws.eu",
        _ => "amazonaws.com",
    };
}
