using System.CommandLine;
using Autoencoders.Applications.Training;
using Autoencoders.Nn.Presets;
using Autoencoders.Tensors;

namespace Autoencoders.Cli.Commands;

/// <summary><c>ae summary MODEL</c>: the Keras-style layer table of a saved model, a preset or a YAML/JSON model file.</summary>
internal static class SummaryCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Argument<string>("MODEL") { Description = "a model file written by ae train (model.safetensors), a preset name (dense, conv-deep, …) or a .yaml/.json model file" };
        var inputSize = new Option<int>("--input-size") { Description = "values per sample for a preset or a model file", DefaultValueFactory = _ => 784, HelpName = "N" };
        var code = new Option<int?>("--code") { Description = "code size of a preset (default: the preset's own)", HelpName = "N" };
        var command = new Command("summary", "Print a model's layers, output shapes and parameter counts") { model, inputSize, code };
        command.SetAction(parsed =>
        {
            string name = parsed.GetValue(model)!;
            if (File.Exists(name) && !ModelChoice.IsFile(name))
            {
                var loaded = ModelLoading.Load(name);
                output.Write(loaded.Model.Summary());
                if (loaded.Loss is not null) output.WriteLine($" Loss: {loaded.Loss.Name}");
                return ExitCodes.Success;
            }
            if (!ModelChoice.IsFile(name) && !ModelPresets.Names.Contains(name) && !TimeSeriesPresets.Names.Contains(name))
                _ = ModelLoading.Load(name); // reports the missing file
            int size = CommonOptions.Positive(parsed.GetValue(inputSize), "--input-size");
            var choice = ModelChoice.Resolve(name, size, parsed.GetValue(code), noise: null);
            choice.Build(size, seed: 0);
            output.Write(choice.Model.Summary());
            output.WriteLine($" Loss: {choice.Loss.Name}");
            return ExitCodes.Success;
        });
        return command;
    }
}
