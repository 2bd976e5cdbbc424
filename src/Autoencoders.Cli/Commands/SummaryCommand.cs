using System.CommandLine;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae summary MODEL</c>: the Keras-style layer table of a saved model.</summary>
internal static class SummaryCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Argument<string>("MODEL") { Description = "a model file written by ae train (model.safetensors)" };
        var command = new Command("summary", "Print a saved model's layers, output shapes and parameter counts") { model };
        command.SetAction(parsed =>
        {
            var loaded = ModelLoading.Load(parsed.GetValue(model)!);
            output.Write(loaded.Model.Summary());
            if (loaded.Loss is not null) output.WriteLine($" Loss: {loaded.Loss.Name}");
            return ExitCodes.Success;
        });
        return command;
    }
}
