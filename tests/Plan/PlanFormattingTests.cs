using MultiRegionInfra.Stacks.Plan;

namespace MultiRegionInfra.Tests.Plan;

/// <summary>The small pure functions the plan's output is made of.</summary>
public class PlanFormattingTests
{
    [Theory]
    [InlineData("aws:ec2/vpc:Vpc", "aws:ec2:Vpc")]
    [InlineData("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc:SecurityGroupIngressRule")]
    [InlineData("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3:BucketServerSideEncryptionConfiguration")]
    [InlineData("cloudflare:index/loadBalancer:LoadBalancer", "cloudflare:index:LoadBalancer")]
    [InlineData("aws:ec2/vpc:Subnet", "aws:ec2/vpc:Subnet")]
    [InlineData("aws-native:dynamodb:GlobalTable", "aws-native:dynamodb:GlobalTable")]
    [InlineData("multiregion:network:Network", "multiregion:network:Network")]
    [InlineData("pulumi:pulumi:Stack", "pulumi:pulumi:Stack")]
    [InlineData("pulumi:providers:aws", "pulumi:providers:aws")]
    [InlineData("not-a-token", "not-a-token")]
    public void Type_tokens_are_shortened_as_pulumi_displays_them(string token, string shown) =>
        Assert.Equal(shown, TypeTokens.Short(token));

    [Theory]
    [InlineData(new[] { "a=1", "b=2" }, 20, new[] { "a=1  b=2" })]
    [InlineData(new[] { "cidrBlock=10.0.0.0/21", "availabilityZone=us-east-1a" }, 30, new[] { "cidrBlock=10.0.0.0/21", "availabilityZone=us-east-1a" })]
    [InlineData(new[] { "requestInterval=10", "failureThreshold=3", "fqdn=x" }, 40, new[] { "requestInterval=10  failureThreshold=3", "fqdn=x" })]
    [InlineData(new[] { "name=0123456789" }, 8, new[] { "name=012", "3456789" })]
    [InlineData(new string[0], 10, new string[0])]
    public void Inputs_are_packed_into_lines_of_the_width_given(string[] items, int width, string[] lines) =>
        Assert.Equal(lines, PlanRenderer.InfoLines(items, width));

    [Theory]
    [InlineData(264.03, 357.47, "$264.03 → $357.47 (+$93.44 a month)")]
    [InlineData(287.79, 269.38, "$287.79 → $269.38 (-$18.41 a month)")]
    [InlineData(null, 12.5, "none → $12.50 (+$12.50 a month)")]
    [InlineData(40.0, null, "$40.00 → none (-$40.00 a month)")]
    public void Cost_changes_read_with_their_sign(double? before, double? after, string shown) =>
        Assert.Equal(shown, DiffRenderer.Cost((decimal?)before, (decimal?)after));

    [Theory]
    [InlineData("imageId", "imageId")]
    [InlineData("aliases[0].name", "aliases")]
    [InlineData("tags.Name", "tags")]
    public void A_paths_top_level_input_is_its_first_segment(string path, string key) =>
        Assert.Equal(key, PlanDiff.TopLevel(path));

    [Fact]
    public void Values_are_found_by_path_and_masked_where_modelled()
    {
        var inputs = new Dictionary<string, object?>
        {
            ["aliases"] = new List<object?> { new Dictionary<string, object?> { ["name"] = "lb-1.elb.amazonaws.com", ["zoneId"] = "Z35SXDOTRQ7X7K" } },
            ["name"] = "api.example.com",
        };
        Assert.Equal("lb-1.elb.amazonaws.com", PlanDiff.ValueAt(inputs, "aliases[0].name"));
        Assert.Equal("api.example.com", PlanDiff.ValueAt(inputs, "name"));
        Assert.Null(PlanDiff.ValueAt(inputs, "aliases[3].name"));
        var modelled = new HashSet<string> { "aliases[0].name" };
        Assert.Equal("[{\"name\":\"output<string>\",\"zoneId\":\"Z35SXDOTRQ7X7K\"}]", PlanValues.Shown(inputs["aliases"], "aliases", modelled));
        Assert.Equal("api.example.com", PlanValues.Shown(inputs["name"], "name", modelled));
    }

    [Fact]
    public void Modelled_values_are_found_inside_the_strings_that_carry_them()
    {
        var modelled = new ModelledValues();
        modelled.Add("vpc-0123456789abcdef0");
        modelled.Add("ab12");
        var inputs = new Dictionary<string, object?>
        {
            ["vpcId"] = "vpc-0123456789abcdef0",
            ["policy"] = "{\"Resource\":\"arn:aws:ec2:us-east-1:1:vpc/vpc-0123456789abcdef0\"}",
            ["cidrBlock"] = "10.0.0.0/16",
            ["note"] = "ab12 is too short to be told from text",
            ["subnets"] = new List<object?> { "subnet-1", "vpc-0123456789abcdef0" },
        };
        Assert.Equal(new[] { "policy", "subnets[1]", "vpcId" }, modelled.PathsIn(inputs));
    }

    [Theory]
    [InlineData(0, "0 errors")]
    [InlineData(1, "1 error")]
    [InlineData(2, "2 errors")]
    public void Counts_read_as_english(int count, string text) =>
        Assert.Equal(text, PlanRenderer.Plural(count, "error"));
}
