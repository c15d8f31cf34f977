using System.ComponentModel;
using System.Diagnostics;

namespace MultiRegionInfra.Tests.Support;

/// <summary>Runs JavaScript the program ships (the canary's script, CloudFront's function) under Node.js, as the
/// tests that hold its behaviour need: its standard output, or a failed assertion with its standard error.</summary>
internal static class NodeScript
{
    /// <param name="arguments">node's arguments: a script file and its own, or none to read the script from <paramref name="input"/>.</param>
    /// <param name="input">What node reads on standard input, if anything.</param>
    /// <param name="what">What runs, for the messages: "the canary script".</param>
    public static string Run(IReadOnlyList<string> arguments, string? input, string what)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardInput = input is not null, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"the test of {what} needs Node.js (node) on PATH: {exception.Message}", exception);
        }
        using (process)
        {
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{what} ran for a minute");
            }
            Assert.True(process.ExitCode == 0, error.GetAwaiter().GetResult());
            return output.GetAwaiter().GetResult();
        }
    }
}
