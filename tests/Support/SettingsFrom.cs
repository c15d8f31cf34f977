using MultiRegionInfra.Configuration;

namespace MultiRegionInfra.Tests.Support;

/// <summary>Typed settings read from the mocks' stack configurations with changes, as the program reads them;
/// a configuration that does not read fails the test with its errors.</summary>
internal static class SettingsFrom
{
    public static GlobalSettings Global(params (string Key, string? Value)[] changes)
    {
        var config = GlobalMocks.Config().With(changes);
        config.Remove("aws:region");
        var reader = new ConfigReader(AwsMocks.Project, config);
        return GlobalSettings.Read(reader, "global") ?? throw new InvalidOperationException(string.Join("\n", reader.Errors));
    }

    public static RegionalSettings Regional(Dictionary<string, string> config, string stack)
    {
        ArgumentNullException.ThrowIfNull(config);
        var region = config["aws:region"];
        var values = config.Where(p => p.Key != "aws:region").ToDictionary(p => p.Key, p => p.Value);
        var reader = new ConfigReader(AwsMocks.Project, values);
        return RegionalSettings.Read(reader, stack, region) ?? throw new InvalidOperationException(string.Join("\n", reader.Errors));
    }
}
