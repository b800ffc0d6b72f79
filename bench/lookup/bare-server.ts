// The least a Node.js HTTP service can do per caller lookup, as a reference for bench/lookup (--reference):
// node:http plus one pooled pg prepared statement (the product's party-mobile statement without scope), no framework,
// no authentication, no validation. Answers GET /api/customers/lookup?phone= on PORT from DATABASE_URL.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const text = `select c.id, c.customer_no as "customerNo", p.name, c.category, c.status, o.name as "orgUnitName",
    u.display_name as "accountManagerName"
  from parties p join customers c on c.party_id = p.id join org_units o on o.id = c.org_unit_id
  left join users u on u.id = c.account_manager_id
  where p.mobile = $1 order by c.id limit 1`;

http
  .createServer(async (req, res) => {
    const phone = new URL(req.url ?? '/', 'http://localhost').searchParams.get('phone') ?? '';
    const { rows } = await pool.query({ name: 'bare_lookup', text, values: [phone] });
    const body = JSON.stringify(rows[0] ?? null);
    res.writeHead(rows[0] ? 200 : 404, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
