// What the customers screen does: list, save and delete customers.
import type { CustomerId } from '$core/brand';
import { saveCustomer, type CustomerForm } from '$core/catalog';
import type { Customer } from '$core/types';
import { getRepository } from '$lib/db';

export const loadCustomers = (): Promise<Customer[]> => getRepository().listCustomers();

/** A code another customer already has comes back as a 'duplicate' error on the code field. */
export const saveCustomerForm = (form: CustomerForm, existing?: Customer) => saveCustomer(getRepository(), form, existing);

/** Their past sales keep the customer's id and show as a deleted customer. */
export const deleteCustomer = (id: CustomerId): Promise<void> => getRepository().deleteCustomer(id);
