// Compile-only checks of the formatter-building API (upstream's names and shapes).
import {
  SQL,
  SQLFormatter,
  SQLProcessor,
  SQLProcessorsRegistry,
  defaultProcessorsRegistry,
  ExpandArrayProcessor,
  ExpandSQLInProcessor,
  FormatIdentifierProcessor,
  MapLiteralProcessor,
  mapDefaultSQLColumnProcessors,
  ParametrizedSQLBuilder,
  SQLValueMapper,
  mapSQLParamValue,
  mapSQLIdentifier,
  mapANSISQLParamPlaceholder,
  ANSISQLParamPlaceholder,
  ANSISQLIdentifierQuote,
  DefaultMapSQLParamValueOptions,
  ansiSqlReservedMap,
  ColumnTypeToken,
  JSONSerializer,
  formatSQL,
  describeSQL,
  registerFormatter,
  type SQLToken,
  type SQLArray,
  type SQLLiteral,
  type SQLProcessorContext,
  type SQLProcessorsReadonlyRegistry,
  type AnySQLProcessor,
  type MapSQLParamValueOptions,
  type DefaultSQLColumnProcessors,
  type ParametrizedSQL,
  type FormatSQLOptions,
  type FormatContext,
  type SQLFormatterOptions,
  type ColumnTypeToken as ColumnTypeTokenType,
} from '@event-driven-io/dumbo';
import {
  PostgreSQLArrayProcessor,
  PostgreSQLExpandSQLInProcessor,
  postgreSQLColumnProcessors,
  pgFormatter,
} from '@event-driven-io/dumbo/postgresql';
import * as pgEntry from '@event-driven-io/dumbo/pg';

type TenantToken = SQLToken<'APP_TENANT', { id: number }>;

export function formatterApi(): void {
  const tenant = SQLProcessor<TenantToken>({
    canHandle: 'APP_TENANT',
    handle: (token: TenantToken, { builder, mapper, serializer }: SQLProcessorContext) => {
      builder.addSQL('tenant_id = ').addParam(mapper.mapValue(token.id, serializer));
    },
  });
  const literal: SQLProcessor<SQLLiteral> = MapLiteralProcessor;
  const array: SQLProcessor<SQLArray> = PostgreSQLArrayProcessor;
  const all: AnySQLProcessor[] = [ExpandArrayProcessor, ExpandSQLInProcessor, FormatIdentifierProcessor, literal, array, PostgreSQLExpandSQLInProcessor];
  const registry: SQLProcessorsRegistry = SQLProcessorsRegistry({ from: defaultProcessorsRegistry })
    .register(postgreSQLColumnProcessors)
    .register(...all, tenant);
  const readonly: SQLProcessorsReadonlyRegistry = registry;
  const found: SQLProcessor<SQLArray> | null = readonly.get<SQLArray>('SQL_ARRAY');
  void found;
  const columns: DefaultSQLColumnProcessors = mapDefaultSQLColumnProcessors((token, { builder }) => {
    builder.addSQL(token.sqlTokenType);
  });
  const same: DefaultSQLColumnProcessors = pgEntry.postgreSQLColumnProcessors;
  void columns;
  void same;

  const options: MapSQLParamValueOptions = { mapDate: (d) => d.getTime(), mapPlaceholder: (i) => `@p${i}` };
  const mapper: SQLValueMapper = SQLValueMapper(options);
  const v: unknown = mapSQLParamValue(new Date(), JSONSerializer, options);
  const id: string = mapSQLIdentifier('Users', { reservedWords: ansiSqlReservedMap, quote: ANSISQLIdentifierQuote });
  const ph: string = mapANSISQLParamPlaceholder();
  const q: '?' = ANSISQLParamPlaceholder;
  const defaults: string = DefaultMapSQLParamValueOptions.mapIdentifier('x');
  void [mapper, v, id, ph, q, defaults];

  const builder: ParametrizedSQLBuilder = ParametrizedSQLBuilder({ mapParamPlaceholder: (i) => `$${i + 1}` });
  const built: ParametrizedSQL = builder.addSQL('SELECT ').addParams([1, 2]).build();
  void built;

  const formatterOptions: SQLFormatterOptions = { valueMapper: options, processorsRegistry: registry };
  const formatter: SQLFormatter = SQLFormatter(formatterOptions);
  const ctx: FormatContext = { serializer: JSONSerializer, processorsRegistry: registry };
  const fo: FormatSQLOptions = { serializer: JSONSerializer, processorsRegistry: registry, mapper: options };
  const out: ParametrizedSQL = formatter.format(SQL`SELECT ${1}`, ctx);
  const text: string = formatter.describe(SQL`SELECT ${1}`, ctx);
  const viaFormatSQL: ParametrizedSQL = formatSQL(SQL`SELECT 1`, pgFormatter, JSONSerializer, fo);
  const viaDescribe: string = describeSQL(SQL`SELECT 1`, formatter, JSONSerializer);
  registerFormatter('PostgreSQL', SQLFormatter({ valueMapper: pgFormatter.valueMapper, processorsRegistry: registry }));
  void [out, text, viaFormatSQL, viaDescribe];

  type MoneyToken = ColumnTypeTokenType<'value_type:js:number', 'MONEY'>;
  const Money = ColumnTypeToken<MoneyToken>('SQL_COLUMN_MONEY', 'value_type:js:number');
  const money: MoneyToken = Money.from();
  const isMoney: boolean = Money.check(money);
  void isMoney;
  const pgVM: SQLValueMapper = pgFormatter.valueMapper;
  void pgVM;
}
