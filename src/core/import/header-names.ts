// Header names of sales files, folded (lower case, no accents, only letters and digits), in Spanish
// and English, per import field; and the telling words that make a longer name one of them.
import { foldText } from '../text';
import type { ImportField } from './types';

/** Header names (folded: lower case, no accents, letters and digits only) per field, Spanish and English. */
export const HEADER_NAMES: Record<ImportField, string[]> = {
	invoice: ['invoiceno', 'invoice', 'invoicenumber', 'invoiceid', 'ticket', 'noticket', 'nticket', 'numticket', 'numeroticket', 'numerodeticket', 'factura', 'nfactura', 'numfactura', 'numerofactura', 'numerodefactura', 'transaction', 'transactionid', 'transactionno', 'orderid', 'orderno', 'order', 'ordernumber', 'pedido', 'npedido', 'receipt', 'receiptno', 'recibo', 'documento', 'albaran', 'idventa', 'venta', 'operacion', 'billno'],
	dateTime: ['invoicedate', 'createdat', 'orderdate', 'fechapedido', 'fechahora', 'datetime', 'timestamp', 'fechaventa', 'fechadeventa', 'orderdate', 'saledate', 'transactiondate', 'fechaticket', 'fechafactura', 'fecha', 'date', 'datum', 'dia', 'day'],
	date: [],
	time: ['time', 'hora', 'horaventa', 'saletime', 'transactiontime'],
	sku: ['stockcode', 'sku', 'lineitemsku', 'variantsku', 'codigo', 'cod', 'code', 'codigoarticulo', 'codarticulo', 'codigoproducto', 'codproducto', 'codigodearticulo', 'productcode', 'productid', 'itemcode', 'itemid', 'ref', 'referencia', 'reference', 'plu', 'articlecode', 'idproducto', 'idarticulo'],
	productName: ['lineitemname', 'description', 'descripcion', 'articulo', 'producto', 'product', 'productname', 'item', 'itemname', 'itemdescription', 'nombre', 'nombreproducto', 'nombrearticulo', 'concepto', 'detalle', 'name', 'article'],
	quantity: ['quantity', 'lineitemquantity', 'cantidad', 'qty', 'cant', 'unidades', 'units', 'uds', 'unid', 'ctd', 'cantidadvendida', 'qtysold', 'pcs', 'pieces', 'piezas', 'pzs'],
	unitPrice: ['unitprice', 'lineitemprice', 'preciounitario', 'precio', 'price', 'pvp', 'preciounidad', 'punit', 'preciounit', 'preciodeventa', 'precioventa', 'saleprice', 'pu', 'mrp', 'rrp', 'listprice'],
	lineTotal: ['importe', 'linetotal', 'total', 'totalprice', 'amount', 'subtotal', 'importetotal', 'totallinea', 'importelinea', 'totalamount', 'grosssales', 'sales', 'revenue', 'money', 'paid', 'pagado'],
	// A loyalty or bank card's id names the customer (a coffee machine's "card"); cells that are
	// amounts (a card payment column) do not fit (mapping.ts).
	customer: ['customerid', 'customer', 'cliente', 'idcliente', 'codigocliente', 'codcliente', 'client', 'clientid', 'nombrecliente', 'customername', 'customercode', 'nif', 'card', 'cardid', 'loyaltycard', 'membercard', 'tarjetacliente'],
	store: ['country', 'pais', 'tienda', 'store', 'shop', 'sucursal', 'local', 'location', 'storeid', 'branch', 'almacen'],
	category: ['categoria', 'category', 'familia', 'seccion', 'department', 'departamento', 'grupo', 'group', 'subfamilia'],
	unitCost: ['coste', 'costo', 'cost', 'unitcost', 'costeunitario', 'costounitario', 'preciocoste', 'preciodecoste', 'preciocompra', 'costprice'],
	supplier: ['proveedor', 'supplier', 'vendor', 'nombreproveedor', 'suppliername'],
	// Only names that say it is an amount: a bare "Discount" column is often a rate (0.2 = 20 %).
	discount: ['discountamount', 'importedescuento', 'descuentoimporte', 'amountdiscount', 'linediscountamount'],
	// 'variantof' is our own export's column (the style's SKU).
	style: [
		'variantof', 'style', 'stylecode', 'styleno', 'stylenumber', 'styleid', 'styleref', 'stylereference', 'modelo', 'codigomodelo', 'refmodelo', 'referenciamodelo',
		'model', 'modelcode', 'modelno', 'referenciabase', 'refbase', 'design', 'designno', 'designcode', 'designnumber', 'article', 'articleno', 'articlenumber',
		'parentsku', 'estilo', 'modello', 'patron'
	],
	size: ['size', 'talla', 'tallas', 'taille', 'taglia', 'grosse', 'groesse', 'maat', 'tamano', 'variantsize', 'sizecode', 'codigotalla'],
	color: ['color', 'colour', 'colore', 'couleur', 'farbe', 'kleur', 'cor', 'colorname', 'colourname', 'colorcode', 'colourcode', 'variantcolor', 'variantcolour', 'codigocolor'],
	options: ['options', 'opciones', 'variantoptions'],
	// A bare "IVA", "VAT" or "Tax" column is a rate when its cells are (21, 10, 4); holding amounts it
	// is left alone: whether they are inside the line's total or on top of it (Square) cannot be told.
	taxRate: ['taxrate', 'vatrate', 'tipoiva', 'tipodeiva', 'porcentajeiva', 'ivapercent', 'taxpercent', 'gstrate', 'iva', 'vat', 'tax', 'impuesto', 'gst'],
	taxAmount: ['taxamount', 'vatamount', 'cuotaiva', 'importeiva', 'ivaimporte', 'cuotadeiva', 'linetaxamount'],
	payments: ['payments', 'payment', 'paymentmethod', 'paymentmethods', 'paymenttype', 'tender', 'tendertype', 'formapago', 'formadepago', 'formasdepago', 'mediopago', 'mediodepago', 'metodopago', 'metododepago', 'pago', 'pagos'],
	returnOf: ['returnof', 'devolucionde', 'ticketoriginal', 'facturaoriginal', 'originalinvoice', 'originalreceipt', 'returnedinvoice', 'refundof'],
	cashier: ['cashier', 'cajero', 'cajera', 'vendedor', 'vendedora', 'dependiente', 'dependienta', 'empleado', 'empleada', 'staff', 'employee', 'seller', 'salesperson', 'clerk', 'operador', 'operator']
};

/** Words that make a header name a field when no exact name matched, in order of precedence. */
export const HEADER_WORDS: [ImportField, string[]][] = [
	['unitCost', ['coste', 'costo', 'cost']],
	['customer', ['cliente', 'customer', 'client']],
	['supplier', ['proveedor', 'supplier', 'vendor']],
	['lineTotal', ['total', 'importe', 'amount', 'subtotal']],
	['unitPrice', ['precio', 'price', 'pvp']],
	['quantity', ['cantidad', 'quantity', 'qty', 'unidades', 'units']],
	['invoice', ['ticket', 'factura', 'invoice', 'pedido', 'order', 'receipt', 'recibo', 'transaction', 'transaccion']],
	['time', ['hora', 'time']],
	['dateTime', ['fecha', 'date', 'datum']],
	['size', ['talla', 'size']],
	['color', ['color', 'colour']],
	['style', ['style', 'modelo']],
	['payments', ['formapago', 'formadepago', 'paymentmethod']],
	['cashier', ['cajero', 'cashier', 'vendedor']],
	['sku', ['codigo', 'sku', 'barcode', 'ean', 'referencia', 'reference', 'code']],
	['productName', ['articulo', 'producto', 'product', 'item', 'descripcion', 'description', 'article']],
	['category', ['categoria', 'category', 'familia', 'seccion', 'department']],
	['store', ['tienda', 'store', 'shop', 'pais', 'country', 'sucursal']]
];

/** Lower case, no accents, only letters and digits: "Nº Ticket" → "nticket", "Precio unitario" → "preciounitario". */
export const foldHeader = (name: string) => foldText(name).replace(/[^a-z0-9]/g, '');


/** Header words only a Spanish file uses: the options an import names itself (a size coded in the SKU) are then in Spanish. */
const SPANISH = new Set(['fecha', 'cliente', 'cantidad', 'precio', 'importe', 'tienda', 'articulo', 'descripcion', 'codigo', 'talla', 'factura', 'unidades', 'referencia', 'modelo', 'producto']);

export const spanishHeader = (header: readonly string[]) => header.some((h) => SPANISH.has(foldHeader(h)) || foldHeader(h).startsWith('fecha') || foldHeader(h).startsWith('precio'));
