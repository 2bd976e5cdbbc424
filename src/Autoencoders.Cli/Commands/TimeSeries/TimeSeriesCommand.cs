using System.CommandLine;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae timeseries train|detect|generate</c>: autoencoders on sliding windows of a series read from CSV.</summary>
internal static class TimeSeriesCommand
{
    public static Command Create(TextWriter output) => new("timeseries", "Autoencoders on time series: train on windows, flag anomalous ranges, generate new series")
    {
        TimeSeriesTrainCommand.Create(output),
        TimeSeriesDetectCommand.Create(output),
        TimeSeriesGenerateCommand.Create(output),
    };
}
