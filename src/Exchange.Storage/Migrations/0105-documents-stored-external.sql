-- Issued documents are PDFs whose streams are deflated already: PostgreSQL's pglz tried every one
-- (a PDF's first kilobyte is plain text, so it does not give up early) and kept none, at 1.2 ms of
-- the server's CPU a document of 87 KB against 0.3 ms stored out of line as it is (measured:
-- 2 × 2,000 inserts per arm, interleaved; docs/BENCHMARKS.md "Issued documents"). Rows stored before
-- keep their storage; only new ones are written without the attempt. Additive and idempotent.
ALTER TABLE exchange_documents ALTER COLUMN content SET STORAGE EXTERNAL;
