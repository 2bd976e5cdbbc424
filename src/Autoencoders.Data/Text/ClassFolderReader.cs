namespace Autoencoders.Data.Text;

/// <summary>
/// The folder-per-class layout of aclImdb and 20 Newsgroups: <c>train/&lt;label&gt;/*.txt</c> and
/// <c>test/&lt;label&gt;/*.txt</c>, or only <c>&lt;label&gt;/*.txt</c> (then there is no test part). Class names are
/// the folder names, sorted; files are read in name order, as strict UTF-8.
/// </summary>
public static class ClassFolderReader
{
    /// <summary>The training documents and, where the folder has a <c>test</c> part, the test documents.</summary>
    public static (TextCorpus Train, TextCorpus? Test) Read(string folder, int maxTextLength = 100_000)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"{folder}: no such folder");
        string train = Path.Combine(folder, "train"), test = Path.Combine(folder, "test");
        if (!Directory.Exists(train))
            return (ReadPart(folder, null, maxTextLength, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))), null);
        var trainCorpus = ReadPart(train, null, maxTextLength, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)));
        var testCorpus = Directory.Exists(test) ? ReadPart(test, trainCorpus.ClassNames, maxTextLength, trainCorpus.Description) : null;
        return (trainCorpus, testCorpus);
    }

    private static TextCorpus ReadPart(string part, IReadOnlyList<string>? classNames, int maxTextLength, string description)
    {
        string[] classFolders = [.. Directory.GetDirectories(part).Order(StringComparer.Ordinal)];
        if (classFolders.Length == 0)
            throw DataErrors.Invalid(part, "expected one folder per class holding .txt files, received no folders");
        string[] names = [.. classFolders.Select(Path.GetFileName).OfType<string>()];
        if (classNames is not null && names.Except(classNames).FirstOrDefault() is { } unknown)
            throw DataErrors.Invalid(part, $"class \"{unknown}\" is not one of the training classes ({string.Join(", ", classNames)})");
        classNames ??= names;
        var texts = new List<string>();
        var labels = new List<int>();
        foreach (string classFolder in classFolders)
        {
            int label = classNames.ToList().IndexOf(Path.GetFileName(classFolder));
            foreach (string file in Directory.GetFiles(classFolder, "*.txt").Order(StringComparer.Ordinal))
            {
                string text = TextTableReader.DecodeUtf8(file);
                if (text.Length > maxTextLength)
                    throw DataErrors.Invalid(file, $"the text is {text.Length:N0} characters long, the cap is {maxTextLength:N0}");
                texts.Add(text);
                labels.Add(label);
            }
        }
        if (texts.Count == 0)
            throw DataErrors.Invalid(part, "holds no .txt files in its class folders");
        return new TextCorpus(texts, [.. labels], classNames, description);
    }
}
