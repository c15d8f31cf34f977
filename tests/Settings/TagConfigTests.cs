using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Tests.Settings;

/// <summary>Extra tags are held to AWS's rules before anything is tagged.</summary>
public class TagConfigTests
{
    private const string P = "multi-region-infra";

    private static (IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Errors) Read(params string[] tags)
    {
        var reader = new ConfigReader(P, new Dictionary<string, string> { ["tags"] = System.Text.Json.JsonSerializer.Serialize(tags) });
        var read = TagConfig.Read(reader);
        return (read, reader.Errors);
    }

    [Theory]
    [InlineData("aws:createdBy=me", "'aws:createdBy=me' uses the prefix aws:, which AWS reserves; allowed: a key not starting with aws:")]
    [InlineData("AWS:team=me", "'AWS:team=me' uses the prefix aws:, which AWS reserves; allowed: a key not starting with aws:")]
    [InlineData("Team=a;b", "'Team=a;b' has a character AWS does not accept in tags; allowed: letters, digits, spaces and _ . : / = + - @")]
    [InlineData("Te$am=a", "'Te$am=a' has a character AWS does not accept in tags; allowed: letters, digits, spaces and _ . : / = + - @")]
    [InlineData(" Team=a", "' Team=a' has a key that starts or ends with a space; allowed: a key without leading or trailing spaces")]
    [InlineData("Team", "'Team' is not a Key=Value pair; allowed: a list of Key=Value strings, e.g. CostCenter=1234")]
    [InlineData("=value", "'=value' is not a Key=Value pair; allowed: a list of Key=Value strings, e.g. CostCenter=1234")]
    [InlineData("stack=mine", "'stack=mine' redefines the standard tag 'Stack'; allowed: keys other than Name, Application, Environment, Region, Stack")]
    public void A_tag_aws_would_refuse_is_an_error_naming_it(string tag, string problem) =>
        Assert.Equal(new[] { $"{P}:tags: {problem}" }, Read(tag).Errors);

    [Fact]
    public void Keys_and_values_are_held_to_their_lengths()
    {
        var key = new string('k', 129);
        var value = new string('v', 257);
        Assert.Equal(new[]
        {
            $"{P}:tags: '{key}=v' has a key of 129 characters; allowed: keys of 1 to 128 characters",
            $"{P}:tags: 'Team={value}' has a value of 257 characters; allowed: values of 0 to 256 characters",
        }, Read($"{key}=v", $"Team={value}").Errors);
        Assert.Empty(Read($"{new string('k', 128)}={new string('v', 256)}").Errors);
    }

    [Fact]
    public void The_same_key_twice_is_an_error_even_in_another_case()
    {
        Assert.Equal(new[]
        {
            $"{P}:tags: 'Team=b' repeats the key 'Team'; allowed: each key once",
            $"{P}:tags: 'team=c' repeats the key 'Team' (keys that differ only in case are one key to IAM); allowed: each key once",
        }, Read("Team=a", "Team=b", "team=c").Errors);
    }

    [Fact]
    public void More_tags_than_a_resource_takes_beside_the_standard_ones_is_an_error()
    {
        Assert.Equal(45, TagConfig.MaxExtraTags);
        Assert.Empty(Read(Enumerable.Range(1, 45).Select(i => $"T{i}=v").ToArray()).Errors);
        Assert.Equal(new[] { $"{P}:tags: '46 tags' is more than AWS's 50 tags per resource with the 5 standard ones; allowed: at most 45 tags" },
            Read(Enumerable.Range(1, 46).Select(i => $"T{i}=v").ToArray()).Errors);
    }

    [Fact]
    public void Valid_tags_keep_their_values_including_empty_ones_and_equals_signs()
    {
        var (tags, errors) = Read("CostCenter=1234", "Owner=team@example.com", "Note=", "Formula=a=b+c", "Équipe=Données");
        Assert.Empty(errors);
        Assert.Equal("1234", tags["CostCenter"]);
        Assert.Equal("team@example.com", tags["Owner"]);
        Assert.Equal("", tags["Note"]);
        Assert.Equal("a=b+c", tags["Formula"]);
        Assert.Equal("Données", tags["Équipe"]);
    }
}
