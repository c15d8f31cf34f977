using Spectre.Console;

namespace MultiRegionInfra.Stacks.Plan;

/// <summary>How text output looks: on a terminal, its width with colour and symbols; anywhere else
/// (a pipe, a file, a CI log) plain text, 120 columns wide.</summary>
/// <param name="Terminal">Whether standard output is a terminal.</param>
/// <param name="Width">The columns every line must fit in.</param>
public sealed record OutputStyle(bool Terminal, int Width)
{
    public const int PlainWidth = 120;

    /// <summary>Plain text, 120 columns.</summary>
    public static readonly OutputStyle Plain = new(false, PlainWidth);

    /// <summary>The process's own standard output: a terminal's width, or plain when redirected.</summary>
    public static OutputStyle ForConsole()
    {
        if (System.Console.IsOutputRedirected)
            return Plain;
        try
        {
            return new OutputStyle(true, System.Console.WindowWidth > 20 ? System.Console.WindowWidth : PlainWidth);
        }
        catch (IOException)
        {
            return Plain;
        }
    }

    /// <summary>A Spectre console writing to <paramref name="writer"/> in this style. NO_COLOR turns colour
    /// off on a terminal too.</summary>
    public IAnsiConsole Console(TextWriter writer)
    {
        // The writer may be a buffer, so the terminal is decided here, not detected from the writer.
        var colour = Terminal && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = Width;
        console.Profile.Capabilities.Unicode = true;
        return console;
    }
}
