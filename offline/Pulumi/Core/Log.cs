using MultiRegionInfra.OfflineSdk.Engine;

namespace Pulumi;

/// <summary>Messages to the engine; as in the real SDK they need a running deployment. Under the test
/// runner only errors are kept, and they fail the run.</summary>
public static class Log
{
    public static void Debug(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null) =>
        MockDeployment.Require().Log(LogSeverity.Debug, message, resource);

    public static void Info(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null) =>
        MockDeployment.Require().Log(LogSeverity.Info, message, resource);

    public static void Warn(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null) =>
        MockDeployment.Require().Log(LogSeverity.Warning, message, resource);

    public static void Error(string message, Resource? resource = null, int? streamId = null, bool? ephemeral = null) =>
        MockDeployment.Require().Log(LogSeverity.Error, message, resource);

    public static void Exception(Exception exception, Resource? resource = null, int? streamId = null, bool? ephemeral = null) =>
        Error((exception ?? throw new ArgumentNullException(nameof(exception))).ToString(), resource, streamId, ephemeral);
}
