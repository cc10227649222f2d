//! What long work says while it runs (on a terminal's stderr only) and writes to the log.

crate::catalogue! {
    /// Reading a division list.
    READ_DIVISIONS = "读取区划列表" / "reading the division list";
    /// Writing divisions.
    WRITE_DIVISIONS = "写入区划" / "writing divisions";
    /// Generating the synthetic records.
    GENERATE = "生成合成的站点、人员与评估" / "generating synthetic sites, staff and evaluations";
    /// Writing sites, staff and evaluations.
    WRITE_RECORDS = "写入站点、人员与评估" / "writing sites, staff and evaluations";
    /// Building the search index.
    INDEX = "建立搜索索引" / "building the search index";
    /// Reading a file to import.
    READ_FILE = "读取 {file}" / "reading {file}";
    /// Loading what the database holds.
    LOAD = "读取数据库" / "loading the database";
    /// Checking every row against the database.
    CHECK_ROWS = "逐行核对" / "checking every row";
    /// Writing the import.
    WRITE = "写入数据库" / "writing to the database";
}
