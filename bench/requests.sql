-- One line per pre-seeded session: "<cookie value> <workspace slug>", for the wrk script to rotate through.
\pset format unaligned
\pset tuples_only on
\pset fieldsep ' '
select 'bench-session-' || n, 'bench-t' || (((n % 5) * 20000 + (n / 5) % 1365) / 10)
from generate_series(0, 999) as n;
